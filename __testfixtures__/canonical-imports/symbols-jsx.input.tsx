import { ExecutionEngine } from '../legacy/engine';

export function EngineView(props: { engine: ExecutionEngine }) {
  return <ExecutionEngine.View engine={props.engine}>{props.engine.run()}</ExecutionEngine.View>;
}

export const registry = { ExecutionEngine, count: 1 };
export { ExecutionEngine };
