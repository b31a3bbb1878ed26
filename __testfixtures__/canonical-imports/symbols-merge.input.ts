import { runEngine } from '../agents/user-execution-engine';
import { createEngine, ExecutionEngine as Engine } from '../legacy/engine';
import { makeEngine } from '../agents/factory';

export const result = runEngine(createEngine());
export const other: Engine = makeEngine();
