import { runEngine, UserExecutionEngine as Engine } from '../agents/user-execution-engine';
import { makeEngine, createEngine } from '../agents/factory';

export const result = runEngine(createEngine());
export const other: Engine = makeEngine();
