/**
 * Nothing lost: the dirty-tree guard, atomic writes that keep modes, interruption, and files that are
 * skipped rather than read. Every test spawns the real CLI in a real git repository.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canonize, CLI, git, makeRepo, removeRepo, writeFiles } from './support/project';
import { CONFIG, moveProject, NEW_IMPORT, OLD_IMPORT } from './support/move-project';

function project(extra: Record<string, string> = {}): Record<string, string> {
  return moveProject({ 'src/a.ts': OLD_IMPORT, 'src/b.ts': OLD_IMPORT, 'src/untouched.ts': 'export const z = 2;\n', ...extra });
}

let root: string;
afterEach(() => removeRepo(root));

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('--write and uncommitted changes', () => {
  beforeEach(() => {
    ({ root } = makeRepo({ subdir: '.', files: project() }));
  });

  it.each([
    ['an unstaged edit', () => fs.appendFileSync(path.join(root, 'src/a.ts'), '// mine\n')],
    ['a staged edit', () => (fs.appendFileSync(path.join(root, 'src/a.ts'), '// mine\n'), git(root, 'add', 'src/a.ts'))],
  ])('refuses the whole run, naming the file, when a file it would change has %s', (_name, dirty) => {
    dirty();
    const before = git(root, 'status', '--porcelain');
    const result = canonize(root, 'run', '--write');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('refusing to --write: 1 file(s) it would change have uncommitted changes:\n  src/a.ts\n');
    expect(result.stderr).toContain('--allow-dirty');
    expect(git(root, 'status', '--porcelain')).toBe(before);
    expect(read('src/b.ts')).toBe(OLD_IMPORT);
    expect(fs.existsSync(path.join(root, 'canonize-out'))).toBe(false);
  });

  it('refuses an untracked file it would change', () => {
    writeFiles(root, { 'src/c.ts': OLD_IMPORT });
    const result = canonize(root, 'run', '--write');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('  src/c.ts\n');
  });

  it('does not mind uncommitted changes in files it leaves alone', () => {
    fs.appendFileSync(path.join(root, 'src/untouched.ts'), '// mine\n');
    expect(canonize(root, 'run', '--write').status).toBe(0);
    expect(read('src/a.ts')).toBe(NEW_IMPORT);
  });

  it('with --allow-dirty rewrites and keeps the uncommitted edit', () => {
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// mine\n');
    expect(canonize(root, 'run', '--write', '--allow-dirty').status).toBe(0);
    expect(read('src/a.ts')).toBe(`${NEW_IMPORT}// mine\n`);
  });

  it('a dry run never refuses', () => {
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// mine\n');
    expect(canonize(root, 'run').status).toBe(0);
  });
});

it('outside git, --write needs --allow-dirty', () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-nogit-'));
  writeFiles(root, project());
  const refused = canonize(root, 'run', '--write');
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('refusing to --write outside a git repository');
  expect(read('src/a.ts')).toBe(OLD_IMPORT);
  expect(canonize(root, 'run', '--write', '--allow-dirty').status).toBe(0);
  expect(read('src/a.ts')).toBe(NEW_IMPORT);
});

it('writes atomically: keeps the file mode and leaves no temporary file', () => {
  ({ root } = makeRepo({ subdir: '.', files: project() }));
  fs.chmodSync(path.join(root, 'src/a.ts'), 0o755);
  git(root, 'commit', '-qam', 'mode');
  expect(canonize(root, 'run', '--write').status).toBe(0);
  expect(fs.statSync(path.join(root, 'src/a.ts')).mode & 0o777).toBe(0o755);
  expect(git(root, 'status', '--porcelain', '--ignored', '--untracked-files=all').split('\n').filter(Boolean).sort()).toEqual([
    ' M src/a.ts',
    ' M src/b.ts',
    '!! canonize-out/.gitignore',
    '!! canonize-out/moves.md',
    '!! canonize-out/moves.patch',
  ]);
});

const HUGE = `${OLD_IMPORT}${'// padding\n'.repeat(300)}`;

it('skips and lists symbolic links, binary files and files over maxFileSize, and reads the rest', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-outside-'));
  fs.writeFileSync(path.join(outside, 'secret.ts'), OLD_IMPORT);
  ({ root } = makeRepo({
    subdir: '.',
    files: project({
      'canonize.config.json': JSON.stringify({ ...CONFIG, maxFileSize: 2000 }),
      'src/huge.ts': HUGE,
      'src/binary.js': `${OLD_IMPORT}\0\0`,
    }),
  }));
  fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'src/outside.ts'));
  fs.symlinkSync('a.ts', path.join(root, 'src/alias.ts'));
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'links');
  try {
    const result = canonize(root, 'run', '--write');
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      '4 file(s) skipped:',
      'src/alias.ts: symbolic link, not followed',
      'src/binary.js: binary (holds a NUL byte)',
      `src/huge.ts: ${Buffer.byteLength(HUGE)} bytes, over the maxFileSize of 2000`,
      'src/outside.ts: symbolic link, not followed',
      '',
    ]);
    expect(fs.readFileSync(path.join(outside, 'secret.ts'), 'utf8')).toBe(OLD_IMPORT);
    expect(fs.lstatSync(path.join(root, 'src/alias.ts')).isSymbolicLink()).toBe(true);
    expect(read('src/a.ts')).toBe(NEW_IMPORT);
    expect(read('canonize-out/moves.md')).toContain('## Files skipped');
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

describe('interruption', () => {
  const FILES = 3000;
  beforeEach(() => {
    const files = project();
    for (let i = 0; i < FILES; i++) files[`src/use/f${String(i).padStart(4, '0')}.ts`] = "import { x } from '../old';\nexport const y = x;\n";
    ({ root } = makeRepo({ subdir: '.', files }));
  });

  /**
   * Spawns `canonize run --write --verbose`, sends `signal` once planning has begun (the first progress line:
   * before it, a signal may arrive before Node has started at all) and `ready(stderr)` holds, and waits.
   */
  function interrupt(signal: NodeJS.Signals, ready: (stderr: string) => boolean): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', '--write', '--verbose'], { cwd: root });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setInterval(() => {
        if (stderr.includes('canonize: planned') && ready(stderr)) {
          clearInterval(timer);
          child.kill(signal);
        }
      }, 5);
      child.on('exit', (code) => {
        clearInterval(timer);
        resolve({ code, stderr });
      });
    });
  }

  function states(): { old: number; new: number; other: string[] } {
    const dir = path.join(root, 'src/use');
    const out = { old: 0, new: 0, other: [] as string[] };
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      if (text.includes("'../old'")) out.old++;
      else if (text.includes("'../new'")) out.new++;
      else out.other.push(f);
    }
    return out;
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while writing changes nothing: every file stays old, no temporary file is left', async (signal, exitCode) => {
    const dir = path.join(root, 'src/use');
    // The writes (3,002 sources, then 3 reports) are prepared as temporary twins first; the signal comes while they are.
    const result = await interrupt(signal, () => fs.readdirSync(dir).some((f) => f.includes('.canonize-')));
    expect(result.code).toBe(exitCode);
    expect(result.stderr).toMatch(/interrupted while preparing the writes \(\d+ of 3005 files\); nothing was changed and no temporary file is left/);
    expect(states()).toEqual({ old: FILES, new: 0, other: [] });
    expect(git(root, 'status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');

    // The same command then does the whole job.
    expect(canonize(root, 'run', '--write').status).toBe(0);
    expect(states()).toEqual({ old: 0, new: FILES, other: [] });
  });

  it('SIGINT while planning writes nothing', async () => {
    // The first progress line comes after 256 of 3,002 files: planning is still going.
    const result = await interrupt('SIGINT', () => true);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted while planning, after \d+ of \d+ files; nothing was written/);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');
  });
});
