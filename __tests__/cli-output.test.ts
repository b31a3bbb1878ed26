/**
 * Nothing lost in what canonize writes and says: the output folder is canonize's own, chained issues count
 * each reference once, an internal error has its own exit code, and the summary's commands work as printed.
 * Every test spawns the real CLI in a real git repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, writeFiles } from './support/project';
import { MOVE, moveProject, OLD_IMPORT } from './support/move-project';

function project(extra: Record<string, string> = {}): Record<string, string> {
  return moveProject({ 'src/a.ts': OLD_IMPORT, ...extra });
}

let root: string;
afterEach(() => removeRepo(root));

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe("the output folder is canonize's own", () => {
  beforeEach(() => {
    ({ root } = makeRepo({ subdir: '.', files: project({ 'docs/notes.md': 'mine\n' }) }));
  });

  it('refuses a folder that holds tracked or included files (--out src), writing nothing', () => {
    const result = canonize(root, 'run', '--out', 'src');
    expect(result.stderr).toBe("canonize: --out src holds 3 file(s) tracked by git (src/a.ts, src/new.ts, src/old.ts): the output folder is canonize's own; name a folder of its own (the default is canonize-out beside the config). Nothing was written.\n");
    expect(result.status).toBe(2);
    expect(git(root, 'status', '--porcelain', '--ignored', '--untracked-files=all')).toBe('');
    // Untracked but included: refused as well.
    writeFiles(root, { 'gen/extra.ts': OLD_IMPORT, 'gen/.gitignore': '# written by canonize: reports, not sources\n*\n!extra.ts\n' });
    const included = canonize(root, 'run', '--out', 'gen');
    expect(included.stderr).toContain('canonize: --out gen holds 1 file(s) the config includes (extra.ts)');
    expect(included.status).toBe(2);
  });

  it('refuses the project itself, and a folder holding files canonize did not write', () => {
    expect(canonize(root, 'run', '--out', '.').stderr).toMatch(/^canonize: --out \. holds the project/);
    writeFiles(root, { 'reports/theirs.txt': 'keep me\n' });
    const result = canonize(root, 'run', '--out', 'reports');
    expect(result.stderr).toMatch(/^canonize: --out reports holds files canonize did not write \(theirs\.txt\): the output folder is canonize's own/);
    expect(result.status).toBe(2);
    expect(read('reports/theirs.txt')).toBe('keep me\n');
  });

  it("refuses its own folder once someone saved a file there that is not a patch or a summary, and removes none", () => {
    expect(canonize(root, 'run').status).toBe(0);
    writeFiles(root, { 'canonize-out/review-notes.txt': 'keep me\n', 'canonize-out/mine/x.json': '{}\n' });
    const result = canonize(root, 'run');
    expect(result.stderr).toMatch(/^canonize: --out canonize-out holds files canonize did not write \(mine, review-notes\.txt\): the output folder is canonize's own/);
    expect(result.status).toBe(2);
    expect(read('canonize-out/review-notes.txt')).toBe('keep me\n');
    expect(fs.readdirSync(path.join(root, 'canonize-out')).sort()).toEqual(['.gitignore', 'mine', 'moves.md', 'moves.patch', 'review-notes.txt']);
  });

  it('--out /dev/null is a clear error, not a stack trace', () => {
    for (const out of ['/dev/null', '/dev/null/x']) {
      const result = canonize(root, 'run', '--out', out);
      expect(result.stderr).toMatch(/^canonize: --out \/dev\/null(\/x)?: expected a folder, (found a character device|but a part of its path is a file)\n$/);
      expect(result.status).toBe(2);
    }
  });

  it("a run leaves only its own outputs: a split run's part patches do not stay beside a later run's", () => {
    writeFiles(root, { 'lib/b.ts': "import { x } from '../src/old';\n", 'top.ts': "import { x } from './src/old';\n" });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'more');
    expect(canonize(root, 'run', '--split-by', 'dir').status).toBe(0);
    // The part of the files at the root is `_root`, never `.` (`moves..patch`, branch `canonize/moves..`).
    expect(fs.readdirSync(path.join(root, 'canonize-out')).sort()).toEqual(['.gitignore', 'moves._root.md', 'moves._root.patch', 'moves.lib.md', 'moves.lib.patch', 'moves.src.md', 'moves.src.patch']);
    expect(canonize(root, 'run').status).toBe(0);
    expect(fs.readdirSync(path.join(root, 'canonize-out')).sort()).toEqual(['.gitignore', 'moves.md', 'moves.patch']);
  });
});

describe('counting once with chained issues', () => {
  // A → B, then B → C: a reference to A is the first issue's violation; the second issue's rewrite of the
  // first one's output is not a second violation, and it names no text of the file.
  const chained = {
    issues: [
      { id: 'first', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/a0.ts', to: 'src/b0.ts' }] } }] },
      { id: 'second', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/b0.ts', to: 'src/c0.ts' }] } }] },
    ],
  };
  beforeEach(() => {
    ({ root } = makeRepo({
      subdir: '.',
      files: {
        'canonize.config.json': JSON.stringify(chained),
        'src/a0.ts': "export * from './b0';\n",
        'src/b0.ts': "export * from './c0';\n",
        'src/c0.ts': 'export const v = 1;\n',
        'src/uses-a.ts': "// header\nimport { v } from './a0';\nexport const w = v;\n",
        'src/uses-b.ts': "import { v } from './b0';\nexport const w = v;\n",
      },
    }));
  });

  it('check reports each reference once, under the first issue that changes it, at its real position', () => {
    const result = canonize(root, 'check', '--format', 'json');
    expect(result.status).toBe(1);
    const { issues, violations } = JSON.parse(result.stdout);
    expect(violations.map((v: { issue: string; path: string; line: number; column: number; specifier: string }) => `${v.issue} ${v.path}:${v.line}:${v.column} ${v.specifier}`)).toEqual([
      'first src/uses-a.ts:2:19 ./a0',
      // The shim src/a0.ts itself re-exports ./b0: a reference of its own.
      'second src/a0.ts:1:15 ./b0',
      'second src/uses-b.ts:1:19 ./b0',
    ]);
    expect(issues.map((i: { id: string; fixable: number }) => [i.id, i.fixable])).toEqual([['first', 1], ['second', 2]]);
    // Each violation's text is in the file where it says.
    expect(read('src/uses-a.ts').split('\n')[1]!.slice(18)).toMatch(/^'\.\/a0'/);
  });

  it('a new import raises one baseline entry, not one per issue', () => {
    expect(canonize(root, 'check', '--update-baseline').status).toBe(0);
    fs.appendFileSync(path.join(root, 'src/uses-b.ts'), "export { v as again } from './a0';\n");
    const result = canonize(root, 'check', '--baseline', 'canonize-baseline.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('baseline canonize-baseline.json: 1 count(s) went up:\n  first src/uses-b.ts -> src/b0.ts: 1 (baseline 0, a new file)\n');
  });

  it('run still chains: the second patch applies on top of the first and reaches C', () => {
    expect(canonize(root, 'run', '--write').status).toBe(0);
    expect(read('src/uses-a.ts')).toBe("// header\nimport { v } from './c0';\nexport const w = v;\n");
  });
});

it('an internal error has its own exit code (70), apart from failed files (1) and refusals (2)', () => {
  ({ root } = makeRepo({ subdir: '.', files: project() }));
  // A corrupt git index: git itself fails while canonize lists the files.
  fs.writeFileSync(path.join(root, '.git', 'index'), 'not an index');
  const result = canonize(root, 'check');
  expect(result.stderr).toMatch(/^canonize: internal error \(please report it, exit code 70\): /);
  expect(result.status).toBe(70);
});

describe('the summary and the flags say what works', () => {
  it('an issue with an empty patch gives no git apply command, and later issues leave it out of their chain', () => {
    const config = {
      issues: [
        { id: 'nothing', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/unused.ts', to: 'src/new.ts' }] } }] },
        { id: 'moves', migrations: [MOVE] },
      ],
    };
    ({ root } = makeRepo({ subdir: 'app', files: project({ 'canonize.config.json': JSON.stringify(config), 'src/unused.ts': 'export const u = 1;\n' }) }));
    const app = path.join(root, 'app');
    expect(canonize(path.join(app, 'src'), 'run').status).toBe(0);
    const empty = read('app/canonize-out/nothing.md');
    expect(empty).toContain('Nothing to apply: this issue changes no file (its patch is empty).');
    expect(empty).not.toContain('git apply');
    const moves = read('app/canonize-out/moves.md');
    // Paths from the repository root, whichever folder the run started in, and without the empty patch.
    expect(moves).toContain('From the root of the repository:\n\n```sh\ngit apply app/canonize-out/moves.patch\n');
    expect(moves).toContain('npx canonize run --config app/canonize.config.json --issue nothing --issue moves --write\n');
    git(root, 'apply', '--check', 'app/canonize-out/moves.patch');
  });

  it('--json with --diff is a usage error, not a silently dropped flag', () => {
    ({ root } = makeRepo({ subdir: '.', files: project() }));
    const result = canonize(root, 'run', '--json', '--diff');
    expect(result.stderr).toMatch(/^canonize: --diff prints the patches as text and --json prints one JSON object: use one of them/);
    expect(result.status).toBe(2);
  });
});
