import * as legacy from '../legacy/engine';

export const text = legacy.legacyHelper();
export const engine = new legacy.ExecutionEngine();
