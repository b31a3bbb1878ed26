import * as legacy from '../legacy/engine';
import * as eng from '@/legacy/engine';

export const text = legacy.legacyHelper();
export const engine: legacy.ExecutionEngine = new legacy.ExecutionEngine();

export const made = eng.createEngine();
export type Options = eng.EngineOptions;
