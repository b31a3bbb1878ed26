export class ExecutionEngine {}
