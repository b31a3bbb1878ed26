export * from '../new/d';
