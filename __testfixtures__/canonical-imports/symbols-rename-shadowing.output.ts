import { UserExecutionEngine } from '@/agents/user-execution-engine';

export function outer(): UserExecutionEngine {
  return new UserExecutionEngine();
}

export function inner(ExecutionEngine: { run(): string }): string {
  // this parameter shadows the import: left alone
  return ExecutionEngine.run();
}

export function generic<ExecutionEngine>(value: ExecutionEngine): ExecutionEngine {
  return value;
}
