import type { EngineOptions, UserExecutionEngine } from '../agents/user-execution-engine';
import { legacyHelper } from '../legacy/engine';
import { type EngineOptions as Options } from '../agents/user-execution-engine';

export function configure(options: EngineOptions, engine: UserExecutionEngine, fallback: Options): string {
  return `${options.retries} ${fallback.retries} ${engine.run()} ${legacyHelper()}`;
}
