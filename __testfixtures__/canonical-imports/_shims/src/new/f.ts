export const f = 6;
