export { makeAgent, type Agent, type AgentId } from '../types/agent-types';
