import { UserExecutionEngine } from './user-execution-engine';

export function createEngine(): UserExecutionEngine {
  return new UserExecutionEngine();
}

export function makeEngine(): UserExecutionEngine {
  return createEngine();
}
