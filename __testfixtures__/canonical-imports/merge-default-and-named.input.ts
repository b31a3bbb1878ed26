import Engine from '../legacy/engine';
import { createEngine } from '../agents/execution-engine';
export { Engine, createEngine };
