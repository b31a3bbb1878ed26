import type { EngineOptions } from '../agents/execution-engine';
import { createEngine } from '../agents/execution-engine';
export function f(o: EngineOptions) { return createEngine(o); }
