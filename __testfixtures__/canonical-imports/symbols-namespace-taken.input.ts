import * as legacy from '../legacy/engine';

const UserExecutionEngine = 'taken';
export const engine = new legacy.ExecutionEngine();
export const label = UserExecutionEngine + legacy.legacyHelper();
