import { ExecutionEngine } from '@/legacy/engine';

export function outer(): ExecutionEngine {
  return new ExecutionEngine();
}

export function inner(ExecutionEngine: { run(): string }): string {
  // this parameter shadows the import: left alone
  return ExecutionEngine.run();
}

export function generic<ExecutionEngine>(value: ExecutionEngine): ExecutionEngine {
  return value;
}
