import { other } from '../legacy/engine';
export class ExecutionEngine {}
export { other };
