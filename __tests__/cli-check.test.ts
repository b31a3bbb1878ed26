/** `canonize check` end to end on the bundled example: agreement with run, formats, baseline rules, --since. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import '@microsoft/jest-sarif';
import { canonize, canonizeWithEnv, EXAMPLE, git, makeRepo, removeRepo } from './support/project';

const CONFIG = 'acme-agents/canonize.config.json';
const BASELINE = 'acme-agents/canonize-baseline.json';

let root: string;
beforeEach(() => ({ root } = makeRepo({ source: EXAMPLE })));
afterEach(() => removeRepo(root));

const json = (...args: string[]) => {
  const result = canonize(root, 'check', '--config', CONFIG, '--format', 'json', ...args);
  return { ...result, doc: JSON.parse(result.stdout) };
};
const append = (file: string, text: string) => fs.appendFileSync(path.join(root, 'acme-agents', file), text);

it('agrees with run: violations are the references run rewrites plus those it leaves; after --write only those are left', () => {
  const before = json();
  expect(before.status).toBe(1);
  expect(before.doc.issues).toEqual([
    { id: 'import-fragmentation', title: expect.any(String), fixable: 15, manual: 1, migrations: [{ transform: 'canonical-imports', fixable: 15, manual: 1 }] },
    { id: 'old-utils', title: expect.any(String), fixable: 3, manual: 0, migrations: [{ transform: 'canonical-imports', fixable: 3, manual: 0 }] },
    // check counts the files as they are, each reference once: run's one-spelling also rewrites the 9
    // specifiers the first two issues write, which are not in the files yet.
    { id: 'one-spelling', title: expect.any(String), fixable: 14, manual: 0, migrations: [{ transform: 'canonical-specifiers', fixable: 14, manual: 0 }] },
    { id: 'queue-consolidation', title: expect.any(String), fixable: 2, manual: 0, migrations: [{ transform: 'canonical-imports', fixable: 2, manual: 0 }] },
    { id: 'clickhouse-clients', title: expect.any(String), fixable: 5, manual: 0, migrations: [{ transform: 'clickhouse-client', fixable: 5, manual: 0 }] },
  ]);
  const run = canonize(root, 'run', '--config', CONFIG, '--write');
  expect(run.stdout).toMatch(/import-fragmentation: 11 files changed, 15 references rewritten, violations 16 -> 1/);
  expect(run.stdout).toMatch(/old-utils: 3 files changed, 3 references rewritten, violations 3 -> 0/);
  expect(run.stdout).toMatch(/one-spelling: 11 files changed, 23 references rewritten, violations 23 -> 0/);
  expect(run.stdout).toMatch(/queue-consolidation: 2 files changed, 2 references rewritten, violations 2 -> 0/);
  expect(run.stdout).toMatch(/clickhouse-clients: 6 files changed, 12 references rewritten, violations 5 -> 0/);
  const after = json();
  expect(after.status).toBe(1);
  expect(after.doc.violations).toEqual([
    {
      issue: 'import-fragmentation',
      transform: 'canonical-imports',
      migration: 0,
      path: 'acme-agents/src/types/engine-augment.ts',
      line: 4,
      column: 16,
      specifier: '../legacy/engine',
      target: 'src/agents/execution-engine.ts',
      fixable: false,
      reason: expect.stringContaining('module augmentation'),
    },
  ]);
  expect(canonize(root, 'check', '--config', CONFIG, '--issue', 'old-utils').status).toBe(0);
  expect(git(root, 'status', '--porcelain', '--untracked-files=no')).not.toBe('');
});

it('prints text with file:line:col and never rewrites anything', () => {
  const result = canonize(root, 'check', '--config', CONFIG);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('import-fragmentation: 16 violations (15 fixable by canonize run, 1 for a human)\n');
  expect(result.stdout).toContain('  acme-agents/src/agents/planner.ts:1:33 "@/legacy/engine" -> src/agents/execution-engine.ts\n');
  expect(result.stdout).toContain('40 violation(s) in 21 file(s)');
  expect(git(root, 'status', '--porcelain')).toBe('');
});

it('writes SARIF that code scanning takes: one rule per issue, results with line and column', () => {
  const result = canonize(root, 'check', '--config', CONFIG, '--format', 'sarif');
  const log = JSON.parse(result.stdout);
  // Valid against the official SARIF 2.1.0 schema (shipped inside @microsoft/jest-sarif).
  expect(log).toBeValidSarifLog();
  expect(log.version).toBe('2.1.0');
  const [run] = log.runs;
  expect(run.tool.driver.name).toBe('canonize');
  expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['import-fragmentation', 'old-utils', 'one-spelling', 'queue-consolidation', 'clickhouse-clients']);
  expect(run.results).toHaveLength(40);
  expect(run.results[0]).toEqual({
    ruleId: 'import-fragmentation',
    ruleIndex: 0,
    level: 'warning',
    message: { text: expect.stringContaining("'../legacy/engine' should name src/agents/execution-engine.ts") },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'acme-agents/src/__tests__/planner.test.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 30 } } }],
  });
});

describe('baseline', () => {
  beforeEach(() => {
    const created = canonize(root, 'check', '--config', CONFIG, '--update-baseline');
    expect(created.status).toBe(0);
    expect(created.stderr).toContain('baseline acme-agents/canonize-baseline.json written');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'baseline');
  });
  const baseline = () => JSON.parse(fs.readFileSync(path.join(root, BASELINE), 'utf8'));

  it('records counts by issue, file and target, in stable order, with no lines or times', () => {
    const text = fs.readFileSync(path.join(root, BASELINE), 'utf8');
    expect(Object.keys(baseline().counts)).toEqual(['clickhouse-clients', 'import-fragmentation', 'old-utils', 'one-spelling', 'queue-consolidation']);
    expect(baseline().counts['import-fragmentation']['acme-agents/src/__tests__/planner.test.ts']).toEqual({ 'src/agents/execution-engine.ts': 3 });
    expect(text).not.toMatch(/"line"|:\d+:\d+|T\d\d:\d\d/);
    expect(canonize(root, 'check', '--config', CONFIG, '--baseline', BASELINE).status).toBe(0);
  });

  it('does not change when lines move', () => {
    fs.writeFileSync(path.join(root, 'acme-agents/src/agents/scheduler.ts'), `// moved down\n\n${fs.readFileSync(path.join(root, 'acme-agents/src/agents/scheduler.ts'), 'utf8')}`);
    const result = canonize(root, 'check', '--config', CONFIG, '--update-baseline');
    expect(result.stderr).toContain('baseline acme-agents/canonize-baseline.json unchanged');
    expect(git(root, 'status', '--porcelain', BASELINE)).toBe('');
  });

  it('fails when a count goes up, and says which', () => {
    append('src/agents/planner.ts', "export type { EngineOptions } from '../legacy/engine';\n");
    const result = canonize(root, 'check', '--config', CONFIG, '--baseline', BASELINE);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('baseline acme-agents/canonize-baseline.json: 1 count(s) went up:\n  import-fragmentation acme-agents/src/agents/planner.ts -> src/agents/execution-engine.ts: 2 (baseline 1)\n');
  });

  it('fails when a new file has violations', () => {
    fs.writeFileSync(path.join(root, 'acme-agents/src/agents/new.ts'), "export { createEngine } from '@/legacy/engine';\n");
    const result = canonize(root, 'check', '--config', CONFIG, '--baseline', BASELINE);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('acme-agents/src/agents/new.ts -> src/agents/execution-engine.ts: 1 (baseline 0, a new file)');
  });

  it('passes when counts go down, and --update-baseline lowers them', () => {
    expect(canonize(root, 'run', 'acme-agents/src/workers', '--config', CONFIG, '--write').status).toBe(0);
    expect(canonize(root, 'check', '--config', CONFIG, '--baseline', BASELINE).status).toBe(0);
    expect(canonize(root, 'check', '--config', CONFIG, '--update-baseline').status).toBe(0);
    expect(baseline().counts['import-fragmentation']['acme-agents/src/workers/queue.ts']).toBeUndefined();
  });

  it('never raises a count without --force', () => {
    append('src/agents/planner.ts', "export type { EngineOptions } from '../legacy/engine';\n");
    expect(canonize(root, 'run', 'acme-agents/src/workers', '--config', CONFIG, '--write').status).toBe(0);
    const refused = canonize(root, 'check', '--config', CONFIG, '--update-baseline');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('1 count(s) went up and were not raised (pass --force to record them)');
    const planner = 'acme-agents/src/agents/planner.ts';
    expect(baseline().counts['import-fragmentation'][planner]).toEqual({ 'src/agents/execution-engine.ts': 1 });
    expect(baseline().counts['import-fragmentation']['acme-agents/src/workers/queue.ts']).toBeUndefined();
    expect(canonize(root, 'check', '--config', CONFIG, '--update-baseline', '--force').status).toBe(0);
    expect(baseline().counts['import-fragmentation'][planner]).toEqual({ 'src/agents/execution-engine.ts': 2 });
  });
});

it('--since counts only files changed since a ref, committed or not', () => {
  git(root, 'tag', 'start');
  append('src/agents/planner.ts', "export type { EngineOptions } from '../legacy/engine';\n");
  git(root, 'commit', '-qam', 'one more');
  fs.writeFileSync(path.join(root, 'acme-agents/src/agents/new.ts'), "export { createEngine } from '@/legacy/engine';\n");
  const { doc, status } = json('--since', 'start');
  expect(status).toBe(1);
  expect([...new Set(doc.violations.map((v: { path: string }) => v.path))]).toEqual(['acme-agents/src/agents/new.ts', 'acme-agents/src/agents/planner.ts']);
  expect(doc.filesRead).toBe(2);
});

it.each([
  [['--baseline', 'nope.json'], /--baseline .*nope\.json: no such file \(create it with --update-baseline\)/],
  [['--since', 'no-such-ref'], /--since no-such-ref: git knows no such commit/],
  [['--format', 'xml'], /Invalid values:[\s\S]*format/],
  [['--update-baseline', '--since', 'HEAD'], /--update-baseline records the whole project/],
])('exits 2 on bad usage: %j', (args, message) => {
  const result = canonize(root, 'check', '--config', CONFIG, ...args);
  expect(result.stderr).toMatch(message);
  expect(result.status).toBe(2);
});

it("gives the same answers with TypeScript's code cache off, being written and in use, and writes it outside the project", () => {
  const cache = fs.mkdtempSync(path.join(root, '..', 'canonize-cli-cache-'));
  try {
    const runs = ['0', cache, cache].map((folder) => {
      const check = canonizeWithEnv(root, { NO_COLOR: '1', CANONIZE_CODE_CACHE: folder }, 'check', '--config', CONFIG, '--format', 'json');
      const run = canonizeWithEnv(root, { NO_COLOR: '1', CANONIZE_CODE_CACHE: folder }, 'run', '--config', CONFIG, '--out', path.join(cache, `out-${folder === '0' ? 'off' : 'on'}`));
      return { check: check.stdout, status: [check.status, run.status], patch: fs.readFileSync(path.join(cache, `out-${folder === '0' ? 'off' : 'on'}`, 'import-fragmentation.patch'), 'utf8') };
    });
    expect(runs[0]!.status).toEqual([1, 0]);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(git(root, 'status', '--porcelain')).toBe('');
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
