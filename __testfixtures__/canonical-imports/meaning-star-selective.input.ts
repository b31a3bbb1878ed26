export * from '../types/agent.types';
