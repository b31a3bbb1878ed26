/** @deprecated Import from './agent-types'. Only part of it was ever public. */
export { makeAgent } from './agent-types';
export type { Agent, AgentId } from './agent-types';
