export * from '../new/e';
export const own = true;
