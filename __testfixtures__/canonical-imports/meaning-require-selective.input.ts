const agents = require('../types/agent.types');
import { makeAgent } from '../types/agent.types';
export const a = [agents, makeAgent];
