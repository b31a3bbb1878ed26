/**
 * clickhouse-client end to end on a project without a canonical module: the run creates it (a `new file`
 * entry that git applies, equal to --write), moves the duplicate onto it, and a second run has nothing left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, snapshot } from './support/project';

const FIXTURE = path.join(__dirname, '..', '__testfixtures__', 'clickhouse-client', '_scaffold');

it('scaffolds the canonical module in the patch, and the patch equals --write', () => {
  const { root } = makeRepo({ source: FIXTURE, subdir: '.' });
  try {
    const dry = canonize(root, 'run');
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/^clickhouse: 2 files changed, 1 reference rewritten, violations 1 -> 0$/m);
    const patch = path.join(root, 'canonize-out', 'clickhouse.patch');
    const text = fs.readFileSync(patch, 'utf8');
    expect(text).toContain('diff --git a/src/db/clickhouse.ts b/src/db/clickhouse.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/db/clickhouse.ts\n');
    expect(text).toContain("+export const clickhouse: ClickHouseClient = createClient({\n+  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',");
    expect(fs.readFileSync(path.join(root, 'canonize-out', 'clickhouse.md'), 'utf8')).toContain('(created by this run)');
    expect(fs.existsSync(path.join(root, 'src/db/clickhouse.ts'))).toBe(false);

    git(root, 'apply', '--check', patch);
    git(root, 'apply', patch);
    const applied = snapshot(root);
    expect(applied['src/jobs/sync.ts']).toMatch(/^import \{ clickhouse as ch \} from '@\/db\/clickhouse';\n/);
    git(root, 'checkout', '--', '.');
    fs.rmSync(path.join(root, 'src/db'), { recursive: true });
    expect(canonize(root, 'run', '--write').status).toBe(0);
    expect(snapshot(root)).toEqual(applied);

    const again = canonize(root, 'run', '--allow-dirty');
    expect(again.stdout).toMatch(/^clickhouse: 0 files changed, 0 references rewritten, violations 0 -> 0$/m);
  } finally {
    removeRepo(root);
  }
});
