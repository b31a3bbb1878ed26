export const nothing = 'engine';
