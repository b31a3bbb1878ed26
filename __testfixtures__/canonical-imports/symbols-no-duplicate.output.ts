import { UserExecutionEngine, runEngine } from '../agents/user-execution-engine';

export const a = runEngine(new UserExecutionEngine());
export const b: UserExecutionEngine = new UserExecutionEngine();
