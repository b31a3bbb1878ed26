import Engine, { createEngine } from '../agents/execution-engine';
export { Engine, createEngine };
