/**
 * The custom-transform pool (src/custom/pool.ts) ends a thread only once it has loaded the run's transforms.
 * Node 20 aborts the whole process when a thread is terminated while it loads a transform written as an ES
 * module through `require` ("CreateRequiredModuleFacade ... Assertion failed"; 1 of 300 pools closed at a
 * random moment of their start-up did so), and a pool that opens near the end of a run is closed at once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allEnded, recordThreads } from './support/threads';

/** The compiled module (`npm test` builds first): only there do the pool's threads exist. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require('../dist/src/custom/pool') as typeof import('../src/custom/pool');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-pool-'));
  fs.writeFileSync(path.join(dir, 'transform.mjs'), 'export default function transform() {\n  return undefined;\n}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

it('closes each thread only once it has loaded the transforms, even when closed as soon as it opens', async () => {
  const started = recordThreads(built.LOADED);
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
  await allEnded(started);
  // Each was terminated (the pool's end), each after it said it had loaded the transforms.
  expect(started).toEqual(Array.from({ length: 6 }, () => ({ exit: 1, terminated: true, sent: true })));
});
