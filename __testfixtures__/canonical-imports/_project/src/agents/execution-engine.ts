export class ExecutionEngine {}
export type EngineOptions = { concurrency: number };
export default ExecutionEngine;
export function createEngine(): ExecutionEngine {
  return new ExecutionEngine();
}
