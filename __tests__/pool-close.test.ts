/**
 * The custom-transform pool (src/custom/pool.ts) ends a thread only once it has loaded the run's transforms.
 * Node 20 aborts the whole process when a thread is terminated while it loads a transform written as an ES
 * module through `require` ("CreateRequiredModuleFacade ... Assertion failed"; 1 of 300 pools closed at a
 * random moment of their start-up did so), and a pool that opens near the end of a run is closed at once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The compiled module (`npm test` builds first): only there do the pool's threads exist. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require('../dist/src/custom/pool') as typeof import('../src/custom/pool');
const threads = require('node:worker_threads') as typeof import('node:worker_threads');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-pool-'));
  fs.writeFileSync(path.join(dir, 'transform.mjs'), 'export default function transform() {\n  return undefined;\n}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

it('closes each thread only once it has loaded the transforms, even when closed as soon as it opens', async () => {
  /** Every thread started, and whether it had loaded the transforms when it was terminated. */
  const started: Array<{ loaded: boolean; terminatedBeforeLoading: boolean }> = [];
  class Recorded extends threads.Worker {
    constructor(...args: ConstructorParameters<typeof threads.Worker>) {
      super(...args);
      const record = { loaded: false, terminatedBeforeLoading: false };
      started.push(record);
      this.on('message', (message: unknown) => {
        if ((message as Record<string, unknown> | null)?.[built.LOADED] !== undefined) record.loaded = true;
      });
      const terminate = this.terminate.bind(this);
      this.terminate = () => {
        if (!record.loaded) record.terminatedBeforeLoading = true;
        return terminate();
      };
    }
  }
  jest.spyOn(threads, 'Worker').mockImplementation((...args) => new Recorded(...args));
  const was = process.env.CANONIZE_WORKERS;
  process.env.CANONIZE_WORKERS = '2';
  try {
    const transform = path.join(dir, 'transform.mjs');
    for (let i = 0; i < 3; i++) {
      const planner = built.poolPlanner([{ spec: transform, file: transform, options: {} }])!;
      expect(planner.poolFor(1)).toBeDefined();
      await planner.close();
    }
  } finally {
    if (was === undefined) delete process.env.CANONIZE_WORKERS;
    else process.env.CANONIZE_WORKERS = was;
  }
  expect(started).toHaveLength(6);
  expect(started).toEqual(Array.from({ length: 6 }, () => ({ loaded: true, terminatedBeforeLoading: false })));
});
