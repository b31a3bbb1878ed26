/* A CommonJS-style script: loads the engine with require so it can run before the app boots. */
const engine = require('../legacy/engine') as typeof import('../legacy/engine');

export function warmup(): Promise<unknown> {
  return engine.createEngine({ concurrency: 1 }).run({ id: 'warmup', payload: 'ping' });
}
