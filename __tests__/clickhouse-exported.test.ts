/**
 * The exported-client layout end to end (the most common one of the old `clickhouse` package): one module
 * exports an old client (behind a hot-reload cache on `global`, as a default export) and other files call
 * `ch.query(sql).toPromise()` through their imports. canonize converts it across files in one issue, and the
 * project's data functions return the same results and store the same rows on a real engine (chdb) before
 * and after; the copy type-checks after. When one site cannot be converted, nothing of that client changes
 * and the site is listed with file:line.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, makeRepo, removeRepo, REPO, snapshot, typecheck } from './support/project';
import { startClickHouse } from './support/clickhouse-http';

const FIXTURE = path.join(REPO, '__testfixtures__', 'clickhouse-client', '_exported');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs the project's demo against a fresh engine; returns what it printed and what the table holds. */
async function runDemo(project: string): Promise<{ result: unknown; logs: string }> {
  const engine = await startClickHouse();
  try {
    const child = spawn(process.execPath, [TSX, 'src/scripts/demo.ts'], {
      cwd: project,
      env: { ...process.env, CLICKHOUSE_URL: engine.url, CLICKHOUSE_USER: 'default', CLICKHOUSE_PASSWORD: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the demo exited ${code}: ${stderr}${stdout}`);
    return { result: JSON.parse(stdout), logs: engine.sql('SELECT * FROM logs ORDER BY ALL') };
  } finally {
    await engine.close();
  }
}

it('converts the module and every importer in one issue, with the same results on the engine', async () => {
  const { root, project } = makeRepo({ source: FIXTURE, subdir: '.' });
  try {
    expect(typecheck(project)).toEqual({ status: 0, output: '' });
    const before = await runDemo(project);
    expect(before.result).toMatchObject({ usage: 3, missing: 'unknown table' });

    // What each rewrite says: the module's client and import, and every call through the two importers.
    const json = JSON.parse(canonize(root, 'run', '--json').stdout) as { issues: Array<{ rewrites: Array<{ path: string; line: number; kind: string; from: string; to: string; target: string }> }> };
    const rewrites = json.issues[0]!.rewrites;
    expect(rewrites.map((r) => `${r.path}:${r.line} ${r.kind}`)).toEqual([
      'src/api/logs.ts:12 old-api',
      'src/api/logs.ts:17 old-api',
      'src/api/logs.ts:21 old-api',
      'src/api/stats.ts:4 old-api',
      'src/api/stats.ts:19 old-api',
      'src/lib/clickhouse.ts:1 old-import',
      'src/lib/clickhouse.ts:10 old-client',
    ]);
    expect(new Set(rewrites.map((r) => r.target))).toEqual(new Set(['src/db/clickhouse.ts']));
    expect(rewrites[4]).toMatchObject({ from: "ch.query('SELECT * FROM no_such_table').toPromise()", to: "ch.command({ query: 'SELECT * FROM no_such_table' })" });
    expect(rewrites[6]).toMatchObject({ from: 'new ClickHouse(...) from clickhouse', to: 'clickhouse from src/db/clickhouse.ts' });
    expect(rewrites[1]!.to).toMatch(/^clickhouse\.insert\(\{ table: 'logs', values: rows\.map\(\(row\) => \(\{ function_id: row/);

    const run = canonize(root, 'run', '--write');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^clickhouse: 3 files changed, \d+ references rewritten, violations 2 -> 0$/m);
    const after = snapshot(root);
    expect(after['src/lib/clickhouse.ts']).toBe(
      [
        "import { clickhouse } from '@/db/clickhouse';",
        "import type { ClickHouseClient } from '@clickhouse/client';",
        '',
        '// Kept on the global object so that hot reloads in development reuse one client.',
        'declare const global: typeof globalThis & {',
        '  clickhouse: ClickHouseClient;',
        '};',
        '',
        "if (process.env.NODE_ENV === 'development') global.clickhouse = clickhouse;",
        '',
        'export default clickhouse;',
        '',
      ].join('\n'),
    );
    expect(after['src/api/stats.ts']).toContain("ch.query({ query: `SELECT\n  count(*) as requests\nFROM logs");
    expect(after['src/api/stats.ts']).toContain('return Number((e as { code: number }).code) === 60');
    expect(after['src/api/logs.ts']).toContain("await clickhouse.insert({ table: 'logs', values: rows.map((row) => ({ function_id: row.function_id, level: row.level, message: row.message, timestamp: Math.round(row.timestamp.getTime() / 1000) })), format: 'JSONEachRow'");
    expect(typecheck(project)).toEqual({ status: 0, output: '' });

    const changed = await runDemo(project);
    expect(changed).toEqual(before);

    const again = canonize(root, 'run', '--allow-dirty');
    expect(again.stdout).toMatch(/^clickhouse: 0 files changed, 0 references rewritten, violations 0 -> 0$/m);
  } finally {
    removeRepo(root);
  }
}, 600_000);

it('changes nothing of the client when one importer cannot be converted, and lists the site with file:line', () => {
  const { root } = makeRepo({
    source: FIXTURE,
    subdir: '.',
    files: {
      'src/api/tail.ts': [
        "import clickhouse from 'lib/clickhouse';",
        '',
        'export function tail(): NodeJS.ReadableStream {',
        "  return clickhouse.query('SELECT * FROM logs').stream();",
        '}',
        '',
      ].join('\n'),
      'src/api/everything.ts': "import * as db from 'lib/clickhouse';\n\nexport const client = db.default;\n",
    },
  });
  try {
    const before = snapshot(root);
    const { stdout, summary } = writeLeavesTree(root, before);
    expect(stdout).toMatch(/^clickhouse: 0 files changed, 0 references rewritten, violations 3 -> 3 \(3 left for a human\)$/m);
    expect(summary).toContain('blocked at src/api/tail.ts:4:10: `.stream()` consumers get one row per event');
    expect(summary).toContain('blocked at src/api/everything.ts:1:8: the module is imported as a namespace');
  } finally {
    removeRepo(root);
  }
}, 300_000);

/**
 * `run --write` (with `args`) that must change no file of the project: no error output, the tree as `before`.
 * Returns what it printed and the ClickHouse issue's summary.
 */
function writeLeavesTree(root: string, before: ReturnType<typeof snapshot>, ...args: string[]): { stdout: string; summary: string } {
  const run = canonize(root, 'run', '--write', ...args);
  expect(run.stderr).toBe('');
  expect(snapshot(root)).toEqual(before);
  return { stdout: run.stdout, summary: fs.readFileSync(path.join(root, 'canonize-out', 'clickhouse.md'), 'utf8') };
}

/** Runs a script of the project with tsx against `url`; returns what it printed. */
function runScript(project: string, script: string, url: string): Promise<string> {
  const child = spawn(process.execPath, [TSX, script], { cwd: project, env: { ...process.env, CLICKHOUSE_URL: url, CLICKHOUSE_USER: 'default', CLICKHOUSE_PASSWORD: '' } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${out}`)))));
}

it('changes nothing of the client when a file the run does not plan imports it: a script outside `include` (one through an exact alias), a .js file, a .vue file', async () => {
  const { root, project } = makeRepo({
    source: FIXTURE,
    subdir: '.',
    files: {
      // Outside the config's `include` (src/**/*.ts) and the tsconfig: a script, and a JavaScript file.
      'scripts/count.ts': [
        "import ch from '../src/lib/clickhouse';",
        '',
        "ch.query('SELECT 41 + 1 AS answer')",
        '  .toPromise()',
        '  .then((rows) => {',
        '    process.stdout.write(JSON.stringify(rows));',
        '    process.exit(0);',
        '  });',
        '',
      ].join('\n'),
      'src/legacy/report.js': "import { default as db } from '../lib/clickhouse';\n\nexport const report = () => db.query('SELECT 1').toPromise();\n",
      // Through a tsconfig alias that names the module exactly, without its name.
      'tsconfig.json': fs.readFileSync(path.join(FIXTURE, 'tsconfig.json'), 'utf8').replace('"paths": {', '"paths": { "@ch": ["src/lib/clickhouse.ts"],'),
      'scripts/alias.ts': "import db from '@ch';\n\nexport const one = () => db.query('SELECT 1').toPromise();\n",
      'web/Usage.vue': ['<script setup lang="ts">', "import ch from '../src/lib/clickhouse';", "const rows = await ch.query('SELECT 1').toPromise();", '</script>', ''].join('\n'),
    },
  });
  const engine = await startClickHouse();
  try {
    const before = snapshot(root);
    const printed = await runScript(project, 'scripts/count.ts', engine.url);
    expect(JSON.parse(printed)).toEqual([{ answer: 42 }]);

    const { stdout, summary } = writeLeavesTree(root, before);
    expect(stdout).toMatch(/^clickhouse: 0 files changed, 0 references rewritten, violations 5 -> 5 \(5 left for a human\)$/m);
    expect(summary).toContain('blocked at scripts/count.ts:1:8: the client is imported here as `ch`, and the run does not plan this file');
    expect(summary).toContain('blocked at scripts/alias.ts:1:8: the client is imported here as `db`, and the run does not plan this file');
    expect(summary).toContain('blocked at src/legacy/report.js:1:10: the client is imported here as `db`, and the run does not plan this file');
    expect(summary).toContain('blocked at web/Usage.vue:2:16: a .vue file loads the module, and canonize does not convert its scripts');
    // The script outside the run still works on the engine: its client is still the old package's.
    expect(await runScript(project, 'scripts/count.ts', engine.url)).toBe(printed);
  } finally {
    await engine.close();
    removeRepo(root);
  }
}, 600_000);

it('changes nothing of the client when the run is given paths that leave out its importers', () => {
  const { root } = makeRepo({ source: FIXTURE, subdir: '.' });
  try {
    const before = snapshot(root);
    const { stdout, summary } = writeLeavesTree(root, before, 'src/lib');
    expect(stdout).toMatch(/^clickhouse: 0 files changed, 0 references rewritten/m);
    expect(summary).toContain('blocked at src/api/logs.ts:1:');
    expect(summary).toContain('blocked at src/api/stats.ts:1:8: the client is imported here as `ch`, and the run does not plan this file');
  } finally {
    removeRepo(root);
  }
}, 300_000);

it('reads through the run: an importer that an earlier issue moves onto the exported client is converted with it, and results stay the same', async () => {
  const stats = fs.readFileSync(path.join(FIXTURE, 'src', 'api', 'stats.ts'), 'utf8');
  const config = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'canonize.config.json'), 'utf8')) as { issues: unknown[]; exclude?: string[] };
  // Issue 1 retires a diverged copy of the client module (left out of the run, so that only stats.ts can tell
  // the two layouts apart); stats.ts imports the copy on disk and never spells the exported module's name
  // until issue 1 rewrites its import. Read from disk, it would keep `.toPromise()` on the official client.
  config.exclude = ['src/legacy/**'];
  config.issues.unshift({ id: 'one-client-module', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/legacy/db.ts', to: 'src/lib/clickhouse.ts' }] } }] });
  const { root, project } = makeRepo({
    source: FIXTURE,
    subdir: '.',
    files: {
      'canonize.config.json': `${JSON.stringify(config, null, 2)}\n`,
      'src/legacy/db.ts': [
        "import { ClickHouse } from 'clickhouse';",
        '',
        '/** The first client module, before lib/clickhouse.ts. */',
        'const clickhouse = new ClickHouse({',
        '  url: process.env.CLICKHOUSE_URL,',
        '  basicAuth: { username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD },',
        '});',
        '',
        'export default clickhouse;',
        '',
      ].join('\n'),
      'src/api/stats.ts': stats.replace("import ch from 'lib/clickhouse';", "import ch from '../legacy/db';"),
    },
  });
  try {
    expect(fs.readFileSync(path.join(project, 'src/api/stats.ts'), 'utf8')).not.toContain('clickhouse');
    const before = await runDemo(project);
    const run = canonize(root, 'run', '--write');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^one-client-module: 1 file changed/m);
    expect(run.stdout).toMatch(/^clickhouse: \d+ files changed, \d+ references rewritten, violations \d+ -> 0$/m);
    const after = snapshot(root);
    expect(after['src/api/stats.ts']).toMatch(/^import ch from '(lib|\.\.\/lib)\/clickhouse';/);
    expect(after['src/api/stats.ts']).not.toContain('.toPromise()');
    expect(after['src/api/stats.ts']).toContain("await ch.command({ query: 'SELECT * FROM no_such_table' })");
    expect(typecheck(project)).toEqual({ status: 0, output: '' });
    expect(await runDemo(project)).toEqual(before);
  } finally {
    removeRepo(root);
  }
}, 600_000);
