import { ExecutionEngine } from '@/agents/execution-engine';
import { tool } from '@/lib/tools';
export { ExecutionEngine, tool };
