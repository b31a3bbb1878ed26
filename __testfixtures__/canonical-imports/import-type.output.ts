import type { EngineOptions } from '../agents/execution-engine';
export const options: EngineOptions = { concurrency: 1 };
