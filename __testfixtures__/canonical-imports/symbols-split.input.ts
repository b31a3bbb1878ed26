import { ExecutionEngine, legacyHelper } from '../legacy/engine';

export function start(): string {
  const engine: ExecutionEngine = new ExecutionEngine();
  return `${legacyHelper()} ${engine.run()}`;
}

export type Kind = typeof ExecutionEngine;
