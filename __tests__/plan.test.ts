/** The planner in process: a transform that throws on one file is reported, and the run goes on. */
import * as path from 'node:path';
import { loadConfig } from '../src/config/load';
import { planRun } from '../src/plan/run';
import { loadMigration } from '../src/registry';
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

it('a file whose new text cannot be planned again is in no patch, keeps the wrapper it uses, and counts as left', async () => {
  const migration = loadMigration('clickhouse-client')!;
  const original = migration.plan;
  // Two rewritten files fail when planned again (as a file with a second `import type` once did).
  const failing = [path.join('analytics', 'dashboard.ts'), path.join('legacy', 'reports.ts')];
  jest.spyOn(migration, 'plan').mockImplementation((file, prepared) => {
    if (failing.some((f) => file.path.endsWith(f)) && file.source.includes("from '@/db/clickhouse'")) throw new Error('planned again: overlapping edits');
    return original.call(migration, file, prepared);
  });
  const config = loadConfig(path.join(EXAMPLE, 'canonize.config.json'));
  const result = await planRun({ config, paths: [], issueIds: ['clickhouse-clients'] });
  const issue = result.issues[0]!;
  const dashboard = 'examples/acme-agents/src/analytics/dashboard.ts';
  const reports = 'examples/acme-agents/src/legacy/reports.ts';
  expect(issue.failures.map((f) => f.path).sort()).toEqual([dashboard, reports]);
  expect(issue.failures[0]!.reason).toBe('the transform failed: planned again: overlapping edits');
  for (const failed of [dashboard, reports]) {
    expect(issue.changes.map((c) => c.path)).not.toContain(failed);
    expect(issue.rewrites.filter((r) => r.path === failed)).toEqual([]);
  }
  // The wrapper the dashboard still imports is kept; the old client in reports.ts is left, not fixed.
  const wrapper = issue.shims.find((s) => s.path.endsWith('clickhouse-service.ts'))!;
  expect(wrapper.deleted).toBe(false);
  expect(wrapper.reason).toContain(dashboard);
  expect(issue.violationsByFile[reports]).toEqual({ before: 2, after: 2 });
});
