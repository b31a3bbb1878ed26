export * from './date';
