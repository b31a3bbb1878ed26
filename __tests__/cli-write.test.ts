/**
 * Nothing lost while writing: `--write` is all or nothing (a failure at any file puts every file back), two
 * runs never write one tree at once, and a read-only file is replaced only with a word about it. Every test
 * spawns the real CLI in a real git repository; the permission cases run as a user without root's rights.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, CLI, git, makeRepo, removeRepo, snapshot } from './support/project';
import { unprivileged } from './support/unprivileged';
import { moveProject, NEW_IMPORT, OLD_IMPORT } from './support/move-project';

/** src/a.ts, src/b.ts, src/locked/c.ts, src/z.ts import the old module; a run writes them in that order. */
function project(extra: Record<string, string> = {}): Record<string, string> {
  return moveProject({
    'src/a.ts': OLD_IMPORT,
    'src/b.ts': OLD_IMPORT,
    'src/locked/c.ts': OLD_IMPORT.replace("'./old'", "'../old'"),
    'src/z.ts': OLD_IMPORT,
    ...extra,
  });
}

let root: string;
afterEach(() => removeRepo(root));

/** Every file (tracked, untracked, ignored) with its text, and the modes of the sources: what "unchanged" means. */
function everything(): { files: Record<string, string>; ignored: string } {
  return { files: snapshot(root), ignored: git(root, 'status', '--porcelain', '--ignored', '--untracked-files=all') };
}

describe('--write is all or nothing', () => {
  const user = unprivileged();

  it(`a folder it may not write: refused before any file is written, naming the file and the reason (as ${'skip' in user ? 'nobody: skipped' : user.how})`, () => {
    if ('skip' in user) return console.warn(`skipped: ${user.skip}`);
    ({ root } = makeRepo({ subdir: '.', files: project() }));
    fs.chmodSync(path.join(root, 'src/locked'), 0o555);
    const before = everything();
    user.own(root);
    const result = user.canonize(root, 'run', '--write');
    user.disown(root);
    fs.chmodSync(path.join(root, 'src/locked'), 0o755);
    expect(result.stderr).toBe('canonize: cannot write src/locked/c.ts: the folder src/locked is not writable: permission denied (EACCES). Nothing was changed.\n');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    // Not a source changed, no temporary file, and no report that would describe a run that did not happen.
    expect(everything()).toEqual(before);
    expect(fs.existsSync(path.join(root, 'canonize-out'))).toBe(false);
  });

  it('a failure while writing the temporary twins (a file-size limit, as a full disk would) changes nothing', () => {
    const big = `import { x } from './old';\n${'// padding\n'.repeat(1000)}`;
    ({ root } = makeRepo({ subdir: '.', files: project({ 'src/m-big.ts': big }) }));
    const before = everything();
    const result = spawnSync('prlimit', [`--fsize=${Buffer.byteLength(big) - 100}`, process.execPath, CLI, 'run', '--write'], { cwd: root, encoding: 'utf8' });
    if (result.error) return console.warn(`skipped: prlimit cannot run here (${result.error.message})`);
    expect(result.stderr).toBe('canonize: could not write src/m-big.ts: file too large for this file system or limit (EFBIG). Nothing was changed.\n');
    expect(result.status).toBe(1);
    expect(everything()).toEqual(before);
  });

  it('a failure after files were replaced puts every one of them back', () => {
    ({ root } = makeRepo({ subdir: '.', files: project() }));
    const before = everything();
    // An immutable file cannot be replaced even by root, and nothing can see that before trying.
    const locked = path.join(root, 'src/locked/c.ts');
    if (spawnSync('chattr', ['+i', locked]).status !== 0) return console.warn('skipped: chattr +i is not supported here (needs root and ext4 or a like file system)');
    let result;
    try {
      result = canonize(root, 'run', '--write');
    } finally {
      spawnSync('chattr', ['-i', locked]);
    }
    expect(result.stderr).toBe('canonize: could not write src/locked/c.ts: operation not permitted (EPERM). Nothing was changed. 2 file(s) already replaced or deleted were put back.\n');
    expect(result.status).toBe(1);
    expect(everything()).toEqual(before);
  });

  it('a source that changed after it was read is not overwritten', () => {
    // The run plans 3,000 files; src/a.ts is edited while it does.
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`src/use/f${String(i).padStart(4, '0')}.ts`] = "import { x } from '../old';\nexport const y = x;\n";
    ({ root } = makeRepo({ subdir: '.', files: { ...project(), ...files } }));
    return new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', '--write', '--verbose', '--allow-dirty'], { cwd: root });
      let stderr = '';
      child.stderr.on('data', (d) => {
        if (!stderr.includes('canonize: planned')) fs.appendFileSync(path.join(root, 'src/a.ts'), '// mine\n');
        stderr += d;
      });
      child.on('exit', (code) => {
        expect(stderr).toContain('canonize: cannot write src/a.ts: it changed since canonize read it (run canonize again). Nothing was changed.');
        expect(code).toBe(1);
        expect(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe(`${OLD_IMPORT}// mine\n`);
        expect(fs.readFileSync(path.join(root, 'src/use/f0000.ts'), 'utf8')).toContain("'../old'");
        resolve();
      });
    });
  });
});

it('two --write runs at once: the second refuses while the first holds the lock, and the tree is the first run\'s', async () => {
  const files: Record<string, string> = project();
  for (let i = 0; i < 3000; i++) files[`src/use/f${String(i).padStart(4, '0')}.ts`] = "import { x } from '../old';\nexport const y = x;\n";
  ({ root } = makeRepo({ subdir: '.', files }));
  const first = spawn(process.execPath, [CLI, 'run', '--write', '--verbose'], { cwd: root });
  let firstErr = '';
  first.stderr.on('data', (d) => (firstErr += d));
  // The lock is taken before planning starts: once the first run reports planning, it holds it.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (firstErr.includes('canonize: planned')) (clearInterval(timer), resolve());
    }, 5);
  });
  const second = canonize(root, 'run', '--write');
  const firstCode = await new Promise<number | null>((resolve) => first.on('exit', resolve));
  expect(second.stderr).toMatch(/^canonize: another canonize run is writing in this working tree \(process \d+, started [^)]+\)\. Wait for it to finish, then run again; nothing was written\./);
  expect(second.status).toBe(2);
  expect(firstCode).toBe(0);
  const text = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
  expect(text('src/a.ts')).toBe(NEW_IMPORT);
  expect(text('src/use/f2999.ts')).toContain("'../new'");
  // Afterwards the lock is free, and there is nothing left to do.
  const again = canonize(root, 'run', '--write');
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/^moves: 0 files changed/m);
  expect(fs.readdirSync(path.join(root, '.git')).filter((f) => f.startsWith('canonize'))).toEqual([]);
});

it('replaces a read-only file (mode 0444), keeps its mode and says so', () => {
  ({ root } = makeRepo({ subdir: '.', files: project() }));
  fs.chmodSync(path.join(root, 'src/b.ts'), 0o444);
  const result = canonize(root, 'run', '--write', '--allow-dirty');
  expect(result.status).toBe(0);
  expect(result.stderr).toBe('canonize: 1 read-only file(s) replaced, keeping their mode (their owner had no write permission):\n  src/b.ts\n');
  expect(fs.readFileSync(path.join(root, 'src/b.ts'), 'utf8')).toBe(NEW_IMPORT);
  expect(fs.statSync(path.join(root, 'src/b.ts')).mode & 0o777).toBe(0o444);
});
