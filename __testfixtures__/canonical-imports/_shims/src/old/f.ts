export * from '../new/f';
