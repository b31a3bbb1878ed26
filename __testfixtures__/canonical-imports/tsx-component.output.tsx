import { ExecutionEngine } from '@/agents/execution-engine';

export function Status({ engine }: { engine: ExecutionEngine }) {
  return <span>{String(engine)}</span>;
}
