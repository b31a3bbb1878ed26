import { ExecutionEngine, legacyHelper } from '../legacy/engine';
export { ExecutionEngine as default, createEngine } from '../legacy/engine';
export type Made = typeof import('../legacy/engine').ExecutionEngine;
const registry = { ExecutionEngine() { return legacyHelper(); } };
class Holder { ExecutionEngine = new ExecutionEngine(); }
export { registry, Holder };
export const engineClass = ExecutionEngine;
