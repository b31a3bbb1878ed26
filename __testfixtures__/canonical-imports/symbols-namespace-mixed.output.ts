import * as legacy from '../legacy/engine';
import { UserExecutionEngine, EngineOptions } from '../agents/user-execution-engine';
import { createEngine } from '@/agents/factory';

export const text = legacy.legacyHelper();
export const engine: UserExecutionEngine = new UserExecutionEngine();

export const made = createEngine();
export type Options = EngineOptions;
