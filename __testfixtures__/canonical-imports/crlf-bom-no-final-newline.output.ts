import { ExecutionEngine } from '../agents/execution-engine';
	export const x = 'café'; 
export { ExecutionEngine };