import { UserExecutionEngine } from '../agents/user-execution-engine';

export function EngineView(props: { engine: UserExecutionEngine }) {
  return <UserExecutionEngine.View engine={props.engine}>{props.engine.run()}</UserExecutionEngine.View>;
}

export const registry = { ExecutionEngine: UserExecutionEngine, count: 1 };
export { UserExecutionEngine as ExecutionEngine };
