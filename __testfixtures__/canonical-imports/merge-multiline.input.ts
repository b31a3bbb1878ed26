import {
  createEngine,
  EngineOptions,
} from '../agents/execution-engine';
import { ExecutionEngine } from "../legacy/engine";
export { createEngine, ExecutionEngine };
export type { EngineOptions };
