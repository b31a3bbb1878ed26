import { ExecutionEngine } from '../legacy/engine';

const UserExecutionEngine = 'a local that already has the new name';

export const engine = new ExecutionEngine();
export const label = UserExecutionEngine;
