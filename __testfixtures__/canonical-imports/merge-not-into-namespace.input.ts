import * as canonical from '../agents/execution-engine';
import { ExecutionEngine } from '../legacy/engine';
export { canonical, ExecutionEngine };
