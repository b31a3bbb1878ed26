import { createEngine } from '../agents/execution-engine';
// the engine class, for typing
import { ExecutionEngine } from '../legacy/engine';
import Engine from '../legacy/engine'; // default
export { createEngine, ExecutionEngine, Engine };
