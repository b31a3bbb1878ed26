import { UserExecutionEngine, runEngine } from '../agents/user-execution-engine';
import { ExecutionEngine } from '../legacy/engine';

export const a = runEngine(new ExecutionEngine());
export const b: UserExecutionEngine = new UserExecutionEngine();
