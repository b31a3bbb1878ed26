export const settings = { debug: false };
