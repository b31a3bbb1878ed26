export * from '../new/a';
