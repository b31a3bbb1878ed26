export * from './routes';
export * from './handlers';
export type { Options, ApiError } from './types';
