/**
 * The clickhouse-client fixtures, run on a real engine: every case with a `<case>.engine.ts` driver runs twice
 * against a fresh engine (chdb behind the loopback HTTP server), once as the input and once as the expected
 * output, and must return the same results (or fail the same way) and leave the same rows in the tables. Both
 * sides are also type-checked in a copy of the fixture project against the clients' real types: the output has
 * no type error the input does not have.
 *
 * A driver exports `setup` (SQL run first, in the `analytics` database), `tables` (read back afterwards) and
 * `run(module)`, which calls the case's exported functions and returns what they gave.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startClickHouse } from './support/clickhouse-http';
import { REPO } from './support/project';

const DIR = path.join(REPO, '__testfixtures__', 'clickhouse-client');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const cases = fs.readdirSync(DIR).filter((f) => f.endsWith('.engine.ts')).map((f) => f.replace(/\.engine\.ts$/, ''));

interface Driver {
  setup: string[];
  tables: string[];
}

/** A copy of the fixture project with every engine case as `side` (input or output) under src/app. */
function project(side: 'input' | 'output'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `canonize-ch-${side}-`));
  fs.cpSync(path.join(DIR, '_project'), dir, { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  fs.mkdirSync(path.join(dir, 'src', 'app'), { recursive: true });
  for (const name of cases) {
    fs.copyFileSync(path.join(DIR, `${name}.${side}.ts`), path.join(dir, 'src', 'app', `${name}.ts`));
    const driver = fs.readFileSync(path.join(DIR, `${name}.engine.ts`), 'utf8').replaceAll(`./${name}.input`, `./${name}`);
    fs.writeFileSync(path.join(dir, 'src', 'app', `${name}.engine.ts`), driver);
    fs.writeFileSync(
      path.join(dir, `run-${name}.ts`),
      [
        `import { run } from './src/app/${name}.engine';`,
        `import * as subject from './src/app/${name}';`,
        'run(subject).then(',
        '  (result: unknown) => console.log(JSON.stringify({ result })),',
        '  (error: { message?: string; code?: unknown }) => console.log(JSON.stringify({ error: { message: String(error.message).split("\\n")[0], code: error.code } })),',
        ');',
        '',
      ].join('\n'),
    );
  }
  return dir;
}

/** Type errors per file (`src/app/<case>.ts: TS2345 …`), without positions: lines move in a rewrite. */
function typeErrors(dir: string): string[] {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '--skipLibCheck', '--types', 'node', '-p', dir], { encoding: 'utf8' });
  return (result.stdout + result.stderr)
    .split('\n')
    .map((line) => /^(src\/[^(]+)\(\d+,\d+\): error (TS\d+)/.exec(line))
    .flatMap((m) => (m ? [`${m[1]}: ${m[2]}`] : []))
    .sort();
}

async function runCase(dir: string, name: string): Promise<{ outcome: unknown; tables: Record<string, string> }> {
  const engine = await startClickHouse();
  try {
    const driver = require(path.join(DIR, `${name}.engine.ts`)) as Driver;
    engine.sql('CREATE DATABASE IF NOT EXISTS analytics', 'TabSeparated');
    for (const sql of driver.setup) engine.sql(sql, 'TabSeparated');
    const child = spawn(process.execPath, [TSX, `run-${name}.ts`], { cwd: dir, env: { ...process.env, CLICKHOUSE_URL: engine.url } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const last = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || !last.startsWith('{')) throw new Error(`${name} exited ${code}: ${stderr}${stdout}`);
    return { outcome: JSON.parse(last), tables: Object.fromEntries(driver.tables.map((t) => [t, engine.sql(`SELECT * FROM analytics.${t} ORDER BY ALL`)])) };
  } finally {
    await engine.close();
  }
}

let inputs: string;
let outputs: string;

beforeAll(() => {
  inputs = project('input');
  outputs = project('output');
});

afterAll(() => {
  for (const dir of [inputs, outputs]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('has engine cases', () => {
  expect(cases.length).toBeGreaterThan(0);
});

it('the outputs have no type error the inputs do not have', () => {
  const before = typeErrors(inputs);
  const after = typeErrors(outputs);
  expect(after.filter((e) => !before.includes(e))).toEqual([]);
});

describe.each(cases)('%s on the engine', (name) => {
  it('returns the same results and stores the same rows before and after', async () => {
    const before = await runCase(inputs, name);
    const after = await runCase(outputs, name);
    if (process.env.SHOW_ENGINE) console.log(name, JSON.stringify(before));
    expect(after).toEqual(before);
  });
});
