/** `canonize run` end to end: the real CLI on a copy of the bundled example inside a real git repository. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { canonize, CLI, EXAMPLE, git, makeRepo, removeRepo, snapshot, typecheck } from './support/project';
import { transformNames } from '../src/registry';

const CONFIG = 'acme-agents/canonize.config.json';
const ISSUES = ['import-fragmentation', 'old-utils', 'one-spelling', 'queue-consolidation', 'clickhouse-clients'];

let root: string;
let project: string;
afterEach(() => removeRepo(root));

function setup(): void {
  ({ root, project } = makeRepo({ source: EXAMPLE }));
}

function read(file: string): string {
  return fs.readFileSync(path.join(root, file), 'utf8');
}

describe('canonize run on the bundled example', () => {
  it('dry run: reports per issue, writes only the out folder, leaves git status clean', () => {
    setup();
    const result = canonize(root, 'run', '--config', CONFIG);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^import-fragmentation: 11 files changed, 15 references rewritten, violations 16 -> 1 \(1 left for a human\)$/m);
    expect(result.stdout).toMatch(/^old-utils: 3 files changed, 3 references rewritten, violations 3 -> 0$/m);
    expect(result.stdout).toMatch(/^one-spelling: 11 files changed, 23 references rewritten, violations 23 -> 0$/m);
    expect(git(root, 'status', '--porcelain')).toBe('');
    for (const id of ISSUES) {
      expect(read(`acme-agents/canonize-out/${id}.patch`)).toMatch(/^diff --git a\/acme-agents\/src\//);
      expect(read(`acme-agents/canonize-out/${id}.md`)).toContain(`canonize issue \`${id}\``);
    }
    const summary = read('acme-agents/canonize-out/import-fragmentation.md');
    expect(summary).toContain('`acme-agents/src/types/engine-augment.ts:4:16` `../legacy/engine`: module augmentation');
    // The output folder is the config's, whichever folder canonize runs in; the summary's commands run from the
    // repository root.
    expect(read('acme-agents/canonize-out/old-utils.md')).toContain('applies on top of `import-fragmentation.patch`');
    expect(read('acme-agents/canonize-out/old-utils.md')).toContain(
      'From the root of the repository:\n\n```sh\ngit apply acme-agents/canonize-out/import-fragmentation.patch && git apply acme-agents/canonize-out/old-utils.patch\n' +
        '# or recompute and write in place:\nnpx canonize run --config acme-agents/canonize.config.json --issue import-fragmentation --issue old-utils --write\n',
    );
  });

  it('patches apply in config order with git apply and equal the --write result, which type-checks', () => {
    setup();
    expect(typecheck(project)).toEqual({ status: 0, output: '' });
    expect(canonize(root, 'run', '--config', CONFIG, '--out', '../out').status).toBe(0);
    const patches = ISSUES.map((id) => path.join(root, '..', 'out', `${id}.patch`));
    try {
        for (const patch of patches) {
        git(root, 'apply', '--check', patch);
        git(root, 'apply', patch);
      }
      const applied = snapshot(root);
      git(root, 'checkout', '--', '.');
      expect(git(root, 'status', '--porcelain')).toBe('');

      const written = canonize(root, 'run', '--config', CONFIG, '--out', '../out', '--write');
      expect(written.status).toBe(0);
      expect(snapshot(root)).toEqual(applied);
      expect(git(root, 'diff', '--stat')).toMatch(/24 files changed, 48 insertions\(\+\), 86 deletions\(-\)/);
      expect(typecheck(project)).toEqual({ status: 0, output: '' });
      // src/models/job.ts was reached through four spellings; now one rule: alias, `./job` in its own folder.
      const jobSpellings = Object.entries(snapshot(root))
        .flatMap(([file, text]) => [...text.matchAll(/from '([^']*\bjob)'/g)].map((m) => `${path.dirname(file)} ${m[1]}`))
        .sort();
      expect(new Set(jobSpellings.map((s) => s.split(' ')[1]))).toEqual(new Set(['@/models/job', './job']));
      expect(jobSpellings.filter((s) => s.endsWith(' ./job'))).toEqual(['acme-agents/src/models ./job']);

      const again = canonize(root, 'run', '--config', CONFIG, '--out', '../out');
      expect(again.status).toBe(0);
      for (const patch of patches) expect(fs.readFileSync(patch, 'utf8')).toBe('');
      expect(again.stdout).toMatch(/^import-fragmentation: 0 files changed, 0 references rewritten, violations 1 -> 1/m);
    } finally {
      fs.rmSync(path.join(root, '..', 'out'), { recursive: true, force: true });
    }
  });

  it('gives the same bytes on every run', () => {
    setup();
    canonize(root, 'run', '--config', CONFIG, '--out', 'a');
    canonize(root, 'run', '--config', CONFIG, '--out', 'b');
    for (const id of ISSUES) expect(read(`a/${id}.patch`)).toBe(read(`b/${id}.patch`));
  });

  it('stops writing quietly when the reader of its output goes away (canonize run --write | head -c 1)', () => {
    setup();
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" run --config ${CONFIG} --write | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(piped.stderr).not.toMatch(/EPIPE|Error/);
    expect(piped.stdout).toBe('status 0\n');
    // The run still finished its work: a second run has nothing left to write.
    expect(canonize(root, 'run', '--config', CONFIG, '--allow-dirty').stdout).toMatch(/^one-spelling: 0 files changed/m);
  });

  it('--json lists the notes for the reviewer and the files an issue deletes', () => {
    setup();
    const result = canonize(root, 'run', '--config', CONFIG, '--issue', 'clickhouse-clients', '--json');
    expect(result.status).toBe(0);
    const issue = JSON.parse(result.stdout).issues[0];
    expect(issue.filesDeleted).toEqual(['acme-agents/src/lib/clickhouse-service.ts', 'acme-agents/src/lib/get-client.ts']);
    expect(issue.notes).toEqual([
      { path: 'acme-agents/src/legacy/reports.ts', line: 4, column: 12, text: expect.stringContaining('the old client added port 8123') },
      { path: 'acme-agents/src/legacy/reports.ts', line: 4, column: 12, text: expect.stringContaining('the official client logs every failed query') },
    ]);
    expect(issue).toMatchObject({ references: 12, violationsBefore: 5, violationsAfter: 0 });
  });

  it('restricts the run to the given paths (per-directory rewrites)', () => {
    setup();
    const result = canonize(root, 'run', 'acme-agents/src/workers', '--config', CONFIG, '--write');
    expect(result.status).toBe(0);
    expect(git(root, 'diff', '--name-only').trim().split('\n')).toEqual(['acme-agents/src/workers/metrics.ts', 'acme-agents/src/workers/queue.ts', 'acme-agents/src/workers/runner.ts']);
  });

  it('runs only the issues named with --issue, and finds the config in the working directory', () => {
    setup();
    const result = canonize(project, 'run', '--issue', 'old-utils');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('import-fragmentation');
    expect(fs.readdirSync(path.join(project, 'canonize-out')).sort()).toEqual(['.gitignore', 'old-utils.md', 'old-utils.patch']);
    expect(fs.readFileSync(path.join(project, 'canonize-out', 'old-utils.patch'), 'utf8')).toMatch(/^diff --git a\/acme-agents\/src\/api\/routes.ts/);
  });

  // The file imports a moved module, so the move parses it whole. A file whose imports need no syntax tree is
  // read only as far as its last import (see importsEnd in src/syntax/specifiers.ts): an error below is not seen.
  it('reports a file that does not parse with file:line:col, processes the rest and exits 1', () => {
    ({ root, project } = makeRepo({ source: EXAMPLE, files: { 'src/broken.ts': "import { x } from './legacy/engine';\nconst = 1;\n" } }));
    const result = canonize(root, 'run', '--config', CONFIG);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^acme-agents\/src\/broken\.ts:2:7: cannot parse: /m);
    expect(result.stdout).toMatch(/^import-fragmentation: 11 files changed/m);
    expect(read('acme-agents/canonize-out/import-fragmentation.md')).toContain('acme-agents/src/broken.ts:2:7');
  });
});

describe('canonize command line', () => {
  beforeEach(setup);

  it('prints help and version and exits 0', () => {
    const help = canonize(root, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('canonize run');
    expect(help.stdout).toContain('canonical-imports');
    const runHelp = canonize(root, 'run', '--help');
    expect(runHelp.stdout).toContain('--write');
    const version = canonize(root, '--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version);
  });

  it.each([
    [['bogus'], /Unknown argument: bogus/],
    [[], /Name a command/],
    [['run', '--config', CONFIG, '--issue', 'nope'], /unknown issue "nope"; the config defines "import-fragmentation", "old-utils"/],
    [['run', '--config', 'missing.json'], /missing\.json: no such file/],
    [['run', 'no/such/dir', '--config', CONFIG], /path .*no\/such\/dir does not exist/],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const result = canonize(root, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it.each([
    ['a missing "to"', (c: any) => delete c.issues[0].migrations[0].options.moves[0].to, 'issues[0].migrations[0].options.moves[0].to: expected a value (required), found nothing'],
    ['an unknown transform', (c: any) => (c.issues[1].migrations[0].transform = 'nope'), `issues[1].migrations[0].transform: expected one of ${transformNames().map((n) => JSON.stringify(n)).join(', ')}, or a jscodeshift transform module (a path starting with ./, ../ or /, relative to the config's folder, or a package subpath such as @scope/codemods/transforms/x), found "nope" (unknown transform)`],
    ['an unknown option', (c: any) => (c.issues[0].migrations[0].options.colour = 1), 'issues[0].migrations[0].options.colour: unknown property; expected one of "moves"'],
    ['a "from" that does not exist', (c: any) => (c.issues[0].migrations[0].options.moves[0].from = 'src/nope.ts'), 'issues[0].migrations[0].options.moves[0].from: expected an existing file'],
    ['a "to" package that does not resolve', (c: any) => (c.issues[1].migrations[0].options.moves[0].to = 'no-such-pkg'), 'issues[1].migrations[0].options.moves[0].to: expected a package that resolves'],
    ['a duplicate issue id', (c: any) => (c.issues[1].id = 'import-fragmentation'), 'issues[1].id: expected a unique issue id, found "import-fragmentation", already used by issues[0]'],
    ['a wrong type', (c: any) => (c.include = 'src'), 'include: expected array, found string "src"'],
    [
      'a move cycle',
      (c: any) => c.issues[0].migrations[0].options.moves.push({ from: 'src/agents/execution-engine.ts', to: 'src/legacy/engine' }),
      'issues[0].migrations[0].options.moves[0].to: expected moves without a cycle, found src/legacy/engine.ts -> src/agents/execution-engine.ts -> src/legacy/engine.ts',
    ],
    [
      'a later issue moving references onto a module an earlier issue moves away',
      (c: any) => (c.issues[1].migrations[0].options.moves[0].to = 'src/legacy/engine.ts'),
      'issues[1].migrations[0].options.moves[0].to: expected a module no earlier migration moves away, found "src/legacy/engine.ts", which issues[0].migrations[0].options.moves[0].from moves away',
    ],
    [
      'two moves for the same module',
      (c: any) => c.issues[0].migrations[0].options.moves.push({ from: 'src/legacy/engine', to: 'src/agents/planner.ts' }),
      'issues[0].migrations[0].options.moves[1].from: expected one move per module, found a second move for "src/legacy/engine" (the first is issues[0].migrations[0].options.moves[0])',
    ],
  ])('exits 2 naming the config path for %s', (_name, edit, message) => {
    const config = JSON.parse(read(CONFIG));
    edit(config);
    fs.writeFileSync(path.join(root, CONFIG), JSON.stringify(config, null, 2));
    // A source file that cannot parse shows that no source file is read before the config is valid.
    fs.writeFileSync(path.join(root, 'acme-agents/src/broken.ts'), 'const = ;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'bad config');
    const result = canonize(root, 'run', '--config', CONFIG, '--write');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('cannot parse');
    expect(result.status).toBe(2);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('exits 2 with line and column for invalid JSON', () => {
    fs.writeFileSync(path.join(root, CONFIG), '{\n  "issues": [,]\n}\n');
    const result = canonize(root, 'run', '--config', CONFIG);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid JSON at line 2, column 14/);
  });
});
