export * from '../new/b';
