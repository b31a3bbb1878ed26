/**
 * A transform reads other modules through the run: `RunTexts` serves each step the text a module has after
 * the steps before it, planning that module on demand when the runner has not reached it yet, and the
 * runner then reuses what was planned.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../src/config/load';
import { planRun } from '../src/plan/run';
import { RunTexts, type PreparedMigration } from '../src/plan/texts';
import type { FileOutcome, Migration, SourceFile } from '../src/transform';

/** A migration whose plan is `rewrite(file, read)`; it counts how often it ran on each file. */
function fake(rewrite: (file: SourceFile, read: (f: string) => string | undefined) => string | undefined, runs: Map<string, number>) {
  return (read: (f: string) => string | undefined): Migration => ({
    description: 'test',
    optionsSchema: {},
    prepare: () => undefined,
    describe: () => [],
    plan(file): FileOutcome {
      runs.set(file.path, (runs.get(file.path) ?? 0) + 1);
      const source = rewrite(file, read);
      return { source: source === file.source ? undefined : source, rewrites: [], manual: [] };
    },
  });
}

function setUp(files: Record<string, string>, inRun = (f: string) => f in files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-texts-'));
  const abs = (name: string) => path.join(dir, name);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(abs(name), text);
  const texts = new RunTexts({ inRun: (f) => inRun(path.basename(f)), filter: () => undefined, maxFileSize: 1 << 20 });
  const add = (issue: number, make: (read: (f: string) => string | undefined) => Migration) => {
    const read = texts.readerForNextStep();
    const step: PreparedMigration = { transform: `t${texts.steps.length}`, migration: make(read), prepared: undefined, issue };
    texts.steps.push(step);
  };
  return { dir, abs, texts, add, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

it('a later issue reads the text an earlier issue gives a module the runner has not planned yet', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'a v0', 'b.ts': 'b v0' });
  try {
    t.add(0, fake((f) => f.source.replace('v0', 'v1'), runs));
    // Issue 2 copies what it reads of b.ts into a.ts.
    t.add(1, fake((f, read) => (f.path.endsWith('a.ts') ? `${f.source} saw [${read(t.abs('b.ts'))}]` : f.source), runs));
    const a = t.texts.planAll(t.abs('a.ts'), 'a v0');
    expect(a.map((p) => ('after' in p ? p.after : 'failed'))).toEqual(['a v1', 'a v1 saw [b v1]']);
    // b.ts was planned through issue 1 on demand; the runner's own pass reuses that and plans only the rest.
    expect(runs.get(t.abs('b.ts'))).toBe(1);
    const b = t.texts.planAll(t.abs('b.ts'), 'b v0');
    expect(b.map((p) => ('after' in p ? p.after : 'failed'))).toEqual(['b v1', 'b v1']);
    expect(runs.get(t.abs('b.ts'))).toBe(2);
    // A module read after the run planned it still reads as each step saw it.
    expect(t.texts.textBefore(t.abs('b.ts'), 0)).toBe('b v0');
    expect(t.texts.textBefore(t.abs('b.ts'), 1)).toBe('b v1');
    expect(t.texts.textBefore(t.abs('a.ts'), 2)).toBe('a v1 saw [b v1]');
  } finally {
    t.done();
  }
});

it('two modules that read each other do not loop: each step sees only earlier steps', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'a', 'b.ts': 'b' });
  try {
    const other = (f: SourceFile) => (f.path.endsWith('a.ts') ? t.abs('b.ts') : t.abs('a.ts'));
    t.add(0, fake((f) => `${f.source}1`, runs));
    t.add(1, fake((f, read) => `${f.source}+${read(other(f))}`, runs));
    t.add(2, fake((f, read) => `${f.source}|${read(other(f))}`, runs));
    const a = t.texts.planAll(t.abs('a.ts'), 'a');
    expect('after' in a[2]! && a[2].after).toBe('a1+b1|b1+a1');
    const b = t.texts.planAll(t.abs('b.ts'), 'b');
    expect('after' in b[2]! && b[2].after).toBe('b1+a1|a1+b1');
    expect([runs.get(t.abs('a.ts')), runs.get(t.abs('b.ts'))]).toEqual([3, 3]);
  } finally {
    t.done();
  }
});

it('migrations of one issue see the migrations before them; a file outside the run reads from disk', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'a', 'b.ts': 'b', 'outside.ts': 'outside' }, (f) => f !== 'outside.ts');
  try {
    t.add(0, fake((f) => `${f.source}1`, runs));
    t.add(0, fake((f, read) => (f.path.endsWith('a.ts') ? `${f.source}+${read(t.abs('b.ts'))}+${read(t.abs('outside.ts'))}` : f.source), runs));
    const [only] = t.texts.planAll(t.abs('a.ts'), 'a');
    expect(only).toEqual({ outcomes: expect.any(Array), before: 'a', after: 'a1+b1+outside' });
    expect(runs.get(t.abs('outside.ts'))).toBeUndefined();
    expect(t.texts.textBefore(t.abs('missing.ts'), 1)).toBeUndefined();
  } finally {
    t.done();
  }
});

it('an issue that fails on a file leaves it as it was before that issue, for readers and for the next issue', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'a', 'b.ts': 'b' });
  try {
    t.add(0, fake((f) => `${f.source}1`, runs));
    t.add(1, fake((f) => `${f.source}2`, runs));
    t.add(1, fake((f) => {
      if (f.path.endsWith('b.ts')) throw new Error('boom');
      return f.source;
    }, runs));
    t.add(2, fake((f, read) => (f.path.endsWith('a.ts') ? `${f.source} saw ${read(t.abs('b.ts'))}` : `${f.source}3`), runs));
    const a = t.texts.planAll(t.abs('a.ts'), 'a');
    expect('after' in a[2]! && a[2].after).toBe('a12 saw b1');
    const b = t.texts.planAll(t.abs('b.ts'), 'b');
    expect(b[1]).toEqual({ error: new Error('boom'), before: 'b1' });
    expect('after' in b[2]! && b[2].after).toBe('b13');
  } finally {
    t.done();
  }
});

it('a module an earlier step creates reads as created', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'a' });
  try {
    const made = t.abs('made.ts');
    t.add(0, (read) => ({ ...fake((f) => f.source, runs)(read), creates: () => [{ file: made, content: 'scaffold' }] }));
    t.add(1, fake((f, read) => `${f.source} ${read(made)}`, runs));
    expect(t.texts.textBefore(made, 0)).toBeUndefined();
    const [, second] = t.texts.planAll(t.abs('a.ts'), 'a');
    expect('after' in second! && second.after).toBe('a scaffold');
  } finally {
    t.done();
  }
});

it('`holds` tests a file no earlier step can change on its disk text, without planning it; others on the earlier steps\' text', () => {
  const runs = new Map<string, number>();
  const t = setUp({ 'a.ts': 'import x from "./old"', 'b.ts': 'plain', 'outside.ts': 'uses needle' }, (f) => f !== 'outside.ts');
  try {
    // Step 0 (issue 1) only touches files holding "./old" (its pre-filter), and makes them name the needle.
    t.add(0, (read) => ({ ...fake((f) => f.source.replace('./old', './needle'), runs)(read), prefilter: () => ({ needles: ['./old'] }) }));
    const holds = t.texts.holderForNextStep();
    t.add(1, fake((f) => f.source, runs));
    expect(holds(t.abs('b.ts'), ['needle'])).toBe(false);
    expect(holds(t.abs('outside.ts'), ['needle'])).toBe(true);
    // Neither was planned nor kept: their texts on disk answered.
    expect([runs.get(t.abs('b.ts')), runs.get(t.abs('outside.ts'))]).toEqual([undefined, undefined]);
    // a.ts holds the needle only after issue 1: planned through it on demand, and the runner reuses that.
    expect(holds(t.abs('a.ts'), ['needle'])).toBe(true);
    expect(holds(t.abs('a.ts'), ['./old'])).toBe(false);
    expect(runs.get(t.abs('a.ts'))).toBe(1);
    const a = t.texts.planAll(t.abs('a.ts'), 'import x from "./old"');
    expect(a.map((p) => ('after' in p ? p.after : 'failed'))).toEqual(['import x from "./needle"', 'import x from "./needle"']);
    expect(runs.get(t.abs('a.ts'))).toBe(2);
  } finally {
    t.done();
  }
});

it('through the runner: a later issue maps a shim by the text an earlier issue gave it, before the runner reached it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-chain-'));
  try {
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true }, include: ['src'] }),
      // Planned first: it imports through the shim, which issue 1 points at the canonical copy.
      'src/app/use.ts': "import { format } from '../lib/shim';\nformat();\n",
      'src/lib/shim.ts': "export { format } from './old-format';\n",
      'src/lib/old-format.ts': "export function format(): string {\n  return 'old';\n}\n",
      'src/lib/format.ts': "export function format(): string {\n  return 'new';\n}\n",
      'canonize.config.json': JSON.stringify({
        include: ['src/**/*.ts'],
        issues: [
          { id: 'merge-copies', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/old-format.ts', to: 'src/lib/format.ts' }] } }] },
          { id: 'retire-shims', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/shim.ts', to: 'src/lib/format.ts' }] } }] },
        ],
      }),
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const result = await planRun({ config: loadConfig(path.join(dir, 'canonize.config.json')), paths: [], issueIds: [] });
    const [first, second] = result.issues;
    expect(first!.changes.map((c) => [c.path, c.after])).toEqual([['src/lib/shim.ts', "export { format } from './format';\n"]]);
    // Read from disk, the shim would still take `format` from the copy, which the target does not hold:
    // the import would be left for a human. Read through the run, it is the target's `format`.
    expect(second!.manual).toEqual([]);
    expect(second!.changes.map((c) => [c.path, c.after])).toEqual([['src/app/use.ts', "import { format } from '../lib/format';\nformat();\n"]]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
