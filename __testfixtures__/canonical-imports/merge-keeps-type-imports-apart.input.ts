import type { EngineOptions } from '../legacy/engine';
import { createEngine } from '../agents/execution-engine';
export function f(o: EngineOptions) { return createEngine(o); }
