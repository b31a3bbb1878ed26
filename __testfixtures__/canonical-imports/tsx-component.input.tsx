import { ExecutionEngine } from '@/legacy/engine';

export function Status({ engine }: { engine: ExecutionEngine }) {
  return <span>{String(engine)}</span>;
}
