import { legacyHelper } from '../legacy/engine';
import { UserExecutionEngine } from '../agents/user-execution-engine';
export { UserExecutionEngine as default } from '../agents/user-execution-engine';
export { createEngine } from '../agents/factory';
export type Made = typeof import('../agents/user-execution-engine').UserExecutionEngine;
const registry = { ExecutionEngine() { return legacyHelper(); } };
class Holder { ExecutionEngine = new UserExecutionEngine(); }
export { registry, Holder };
export const engineClass = UserExecutionEngine;
