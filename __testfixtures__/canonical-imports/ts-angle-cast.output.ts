import { ExecutionEngine } from '../agents/execution-engine';
export const e = <ExecutionEngine>(<unknown>null);
