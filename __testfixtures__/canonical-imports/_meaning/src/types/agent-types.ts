export interface Agent {
  id: AgentId;
}
export type AgentId = string;
export function makeAgent(id: AgentId): Agent {
  return { id };
}
export function isAgent(value: unknown): value is Agent {
  return typeof value === 'object' && value !== null && 'id' in value;
}
export function agentLabel(agent: Agent): string {
  return agent.id;
}
