export type { User, Session, Token } from '../types/unified';
export * from './local';
