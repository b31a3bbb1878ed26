import * as agents from '../types/agent.types';
export const a = agents.makeAgent('x');
