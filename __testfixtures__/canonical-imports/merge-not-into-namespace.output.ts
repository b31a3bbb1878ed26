import * as canonical from '../agents/execution-engine';
import { ExecutionEngine } from '../agents/execution-engine';
export { canonical, ExecutionEngine };
