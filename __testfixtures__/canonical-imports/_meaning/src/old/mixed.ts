export * from '../tools/tool';
export { makeAgent } from '../types/agent-types';
