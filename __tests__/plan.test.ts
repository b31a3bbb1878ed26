/** The planner in process: a transform that throws on one file is reported, and the run goes on. */
import * as path from 'node:path';
import { loadConfig } from '../src/config/load';
import { planRun } from '../src/plan/run';
import { ModuleResolver } from '../src/resolve/resolver';
import { EXAMPLE } from './support/project';

afterEach(() => jest.restoreAllMocks());

it('reports a file whose transform throws with file:line:col and processes the others', async () => {
  const original = ModuleResolver.prototype.resolve;
  jest.spyOn(ModuleResolver.prototype, 'resolve').mockImplementation(function (this: ModuleResolver, specifier, fromFile, kind) {
    if (fromFile.endsWith(path.join('workers', 'queue.ts'))) throw new Error('resolver exploded');
    return original.call(this, specifier, fromFile, kind);
  });
  const config = loadConfig(path.join(EXAMPLE, 'canonize.config.json'));
  const result = await planRun({ config, paths: [], issueIds: [] });
  expect(result.failures).toEqual([{ path: 'examples/acme-agents/src/workers/queue.ts', line: 1, column: 1, reason: 'the transform failed: resolver exploded' }]);
  const [first] = result.issues;
  expect(first!.failures).toHaveLength(1);
  expect(first!.changes.map((c) => c.path)).not.toContain('examples/acme-agents/src/workers/queue.ts');
  expect(first!.changes).toHaveLength(10);
});
