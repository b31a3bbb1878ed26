/**
 * The proof's pool (src/verify/respelt-pool.ts) answers, per changed file, its witness and the hunks of its
 * patch; the runner uses those hunks only for the very texts the pool was sent.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hunksText } from '../src/report/patch';
import type { ModuleResolver } from '../src/resolve/resolver';

/** The compiled module (`npm test` builds first): only there does the pool's thread exist. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require('../dist/src/verify/respelt-pool') as typeof import('../src/verify/respelt-pool');

/** A resolver that knows no tsconfig: the pool asks it only for each file's compiler options. */
const noProjects = { compilerOptionsFor: () => ({ configPath: undefined, options: {} }) } as unknown as ModuleResolver;

it('makes the hunks of each file with its witness, and gives them only for the texts it was sent', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-respelt-'));
  const was = process.env.CANONIZE_WORKERS;
  process.env.CANONIZE_WORKERS = '1';
  try {
    const ahead = built.RespeltAhead.open(() => noProjects)!;
    expect(ahead).toBeDefined();
    const body = Array.from({ length: 12 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    const changes = Array.from({ length: 3 }, (_, i) => {
      const file = path.join(dir, `f${i}.ts`);
      const before = `import { a } from '../lib/a';\nimport { b } from "./b";\n${body}\n`;
      const after = `import { a } from '@/lib/a';\nimport { b } from "./b";\n${body}\n`;
      return { file, path: `f${i}.ts`, before, after };
    });
    for (const change of changes) ahead.record(0, change);
    ahead.flush();
    for (const change of changes) {
      const witness = await ahead.witness(0, change.file, change.before, change.after);
      expect(witness).toMatchObject({ bindings: 2, module: true, changed: [{ was: '../lib/a', now: '@/lib/a' }] });
      expect(ahead.hunks(0, change.file, change.before, change.after)).toBe(hunksText(change.before, change.after));
    }
    await ahead.close();
    const [first] = changes;
    // Kept after the pool closes; refused for other texts (a formatter ran), another issue or a file it was not sent.
    expect(ahead.hunks(0, first!.file, first!.before, first!.after)).toContain("-import { a } from '../lib/a';\n+import { a } from '@/lib/a';\n");
    expect(ahead.hunks(0, first!.file, first!.before, `${first!.after}\n`)).toBeUndefined();
    expect(ahead.hunks(1, first!.file, first!.before, first!.after)).toBeUndefined();
    expect(ahead.hunks(0, path.join(dir, 'other.ts'), first!.before, first!.after)).toBeUndefined();
  } finally {
    if (was === undefined) delete process.env.CANONIZE_WORKERS;
    else process.env.CANONIZE_WORKERS = was;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
