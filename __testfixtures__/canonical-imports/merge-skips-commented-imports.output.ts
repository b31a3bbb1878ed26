import { createEngine } from '../agents/execution-engine';
// the engine class, for typing
import { ExecutionEngine } from '../agents/execution-engine';
import Engine from '../agents/execution-engine'; // default
export { createEngine, ExecutionEngine, Engine };
