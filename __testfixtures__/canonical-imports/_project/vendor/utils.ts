export const slug = 1;
