import type { EngineOptions } from '../legacy/engine';
export const options: EngineOptions = { concurrency: 1 };
