export * from '../new/c';
