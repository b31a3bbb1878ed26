export * from './logger';
export * from './config';
