export * from '../types/agent.types';
export * from './local';
