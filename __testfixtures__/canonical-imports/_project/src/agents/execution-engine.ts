export class ExecutionEngine {}
export type EngineOptions = { concurrency: number };
export default ExecutionEngine;
