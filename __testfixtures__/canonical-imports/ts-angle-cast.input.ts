import { ExecutionEngine } from '../legacy/engine';
export const e = <ExecutionEngine>(<unknown>null);
