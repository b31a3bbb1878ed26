import * as engine from '../legacy/engine'; // keep this comment
export const E = engine.ExecutionEngine;
