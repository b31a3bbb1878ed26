import { legacyHelper } from '../legacy/engine';
import { UserExecutionEngine } from '../agents/user-execution-engine';

export function start(): string {
  const engine: UserExecutionEngine = new UserExecutionEngine();
  return `${legacyHelper()} ${engine.run()}`;
}

export type Kind = typeof UserExecutionEngine;
