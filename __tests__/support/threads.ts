/**
 * Records the worker threads the code under test starts (the compiled modules construct `Worker` through
 * `node:worker_threads` at call time, so a spy on it sees every one): how each ended, whether it was
 * terminated, and whether a message of a given key had come before that. Call in `beforeEach`, with
 * `jest.restoreAllMocks()` in `afterEach`.
 */
// The module object itself (an `import * as` would be a copy): the spy must replace what the code under test reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = require('node:worker_threads') as typeof import('node:worker_threads');

export interface ThreadRecord {
  /** Its exit code, once it ended. */
  exit?: number;
  terminated: boolean;
  /** Whether a message holding the key asked for had come (before termination, if it was terminated). */
  sent: boolean;
}

/** The threads started from now on, in order; `key`: the message key {@link ThreadRecord.sent} looks for. */
export function recordThreads(key?: string): ThreadRecord[] {
  const started: ThreadRecord[] = [];
  class Recorded extends threads.Worker {
    constructor(...args: ConstructorParameters<typeof threads.Worker>) {
      super(...args);
      const record: ThreadRecord = { terminated: false, sent: false };
      started.push(record);
      this.once('exit', (code) => (record.exit = code));
      if (key !== undefined) {
        this.on('message', (message: unknown) => {
          if (!record.terminated && (message as Record<string, unknown> | null)?.[key] !== undefined) record.sent = true;
        });
      }
      const terminate = this.terminate.bind(this);
      this.terminate = () => ((record.terminated = true), terminate());
    }
  }
  jest.spyOn(threads, 'Worker').mockImplementation((...args) => new Recorded(...args));
  return started;
}

/** Waits until every recorded thread has ended. */
export async function allEnded(started: readonly ThreadRecord[]): Promise<void> {
  while (started.some((r) => r.exit === undefined)) await new Promise((resolve) => setTimeout(resolve, 5));
}
