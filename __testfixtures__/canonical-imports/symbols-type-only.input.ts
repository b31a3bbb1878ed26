import type { EngineOptions, ExecutionEngine } from '../legacy/engine';
import { type EngineOptions as Options, legacyHelper } from '../legacy/engine';

export function configure(options: EngineOptions, engine: ExecutionEngine, fallback: Options): string {
  return `${options.retries} ${fallback.retries} ${engine.run()} ${legacyHelper()}`;
}
