import * as engine from '../agents/execution-engine'; // keep this comment
export const E = engine.ExecutionEngine;
