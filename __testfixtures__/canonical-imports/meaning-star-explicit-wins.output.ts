export type { Agent, AgentId } from '../types/agent-types';
export { makeAgent } from './local';
