export * from '../types/agent.types';
export { makeAgent } from './local';
