import { ExecutionEngine } from '../legacy/engine';
	export const x = 'café'; 
export { ExecutionEngine };