export * as agents from '../types/agent.types';
