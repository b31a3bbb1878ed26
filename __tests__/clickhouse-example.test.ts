/**
 * Proof that queries behave the same: the bundled example's data-access functions run against a real
 * ClickHouse engine (chdb behind a loopback HTTP server) before and after the clickhouse-clients migration;
 * the same rows come back and the same data lands in the tables. Between the two runs, canonize rewrites a
 * copy of the example in a real git repo, and the copy type-checks against both clients' real types.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { canonize, EXAMPLE, makeRepo, removeRepo, REPO, typecheck } from './support/project';
import { startClickHouse } from './support/clickhouse-http';

const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CONFIG = 'acme-agents/canonize.config.json';

/** Runs the example's demo against a fresh engine; returns what it printed and what the tables hold. */
async function runDemo(project: string): Promise<{ result: unknown; tables: Record<string, string> }> {
  const engine = await startClickHouse();
  try {
    const child = spawn(process.execPath, [TSX, 'src/scripts/clickhouse-demo.ts'], {
      cwd: project,
      env: { ...process.env, CLICKHOUSE_URL: engine.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the demo exited ${code}: ${stderr}`);
    return {
      result: JSON.parse(stdout),
      tables: {
        events: engine.sql('SELECT * FROM events ORDER BY id'),
        page_views: engine.sql('SELECT * FROM page_views ORDER BY id'),
      },
    };
  } finally {
    await engine.close();
  }
}

it('the example returns the same rows and stores the same data before and after the migration', async () => {
  const { root, project } = makeRepo({ source: EXAMPLE });
  try {
    const before = await runDemo(project);
    expect(before.result).toEqual({
      healthy: true,
      events: 3,
      names: ['login', 'logout', 'signup'],
      top: [{ path: '/', views: 2 }, { path: '/docs', views: 1 }],
      views: 3,
      missingTable: 'unknown table',
    });

    const run = canonize(root, 'run', '--config', CONFIG, '--issue', 'clickhouse-clients', '--write');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^clickhouse-clients: \d+ files changed/m);
    expect(typecheck(project)).toEqual({ status: 0, output: '' });

    const after = await runDemo(project);
    expect(after.result).toEqual(before.result);
    expect(after.tables).toEqual(before.tables);
  } finally {
    removeRepo(root);
  }
});
