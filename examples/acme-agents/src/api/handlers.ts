import type { Options } from './types';

/** Loads the engine lazily: most requests never need it. */
export async function handleRun(payload: string, options: Options): Promise<string> {
  const { createEngine } = await import('@/legacy/engine');
  const result = await createEngine(options).run({ id: 'lazy', payload });
  return result.output;
}
