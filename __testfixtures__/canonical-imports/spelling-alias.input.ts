import { ExecutionEngine } from '@/legacy/engine';
import { tool } from '@/old-lib';
export { ExecutionEngine, tool };
