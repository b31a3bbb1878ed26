/**
 * `npm run bench`: canonize run/check/discover against the read-every-file floor and against plain
 * jscodeshift on the same generated monorepo, at one or more sizes.
 *
 * Usage: npm run bench -- [--sizes 1000,10000,50000] [--seed 1] [--peer-cpus 1] [--keep]
 * Prints a markdown table per size: wall time, files/s, peak memory of the process tree, ratios.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from './generate';
import { measure, type Measurement } from './measure';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'bin', 'canonize.js');
const JSCODESHIFT = path.join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

interface Row {
  name: string;
  m: Measurement;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function changedByPatches(outDir: string): string[] {
  return fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith('.patch'))
    .flatMap((f) => [...fs.readFileSync(path.join(outDir, f), 'utf8').matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1]!))
    .filter((f, i, all) => all.indexOf(f) === i)
    .sort();
}

function changedByJscodeshift(stdout: string, root: string): string[] {
  return [...stdout.matchAll(/ OKK (\S+)/g)].map((m) => path.relative(root, path.resolve(root, m[1]!))).sort();
}

async function benchSize(files: number, seed: number, peerCpus: string | undefined, keep: boolean): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `canonize-bench-${files}-`));
  const generated = performance.now();
  const tree = generateTree(root, files, seed);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.email=bench@canonize', '-c', 'user.name=bench', 'commit', '-qm', 'tree'], { cwd: root });
  process.stdout.write(`\n### ${tree.files} files (${tree.affected} reference a moved module, ${((100 * tree.affected) / tree.files).toFixed(1)}%); generated in ${((performance.now() - generated) / 1000).toFixed(1)} s in ${root}\n\n`);

  const out = path.join(root, 'canonize-out');
  const aliases = Object.fromEntries(
    Array.from({ length: Math.ceil(tree.files / 1000) }, (_, p) => [`@pkg${p}/`, `packages/pkg${p}/src/`]),
  );
  const peerArgs = (cpus?: string) => [
    JSCODESHIFT, '-t', path.join(REPO, 'bench', 'peer-transform.cjs'), '--parser=tsx', '--extensions=ts,tsx', '--dry', '--verbose=2',
    ...(cpus ? [`--cpus=${cpus}`] : []),
    `--moves=${JSON.stringify(tree.moves)}`, `--aliases=${JSON.stringify(aliases)}`, `--root=${root}`, 'packages',
  ];
  // Warm the page cache once, as a user's second run would be.
  await measure(process.execPath, [path.join(__dirname, 'floor.js'), root, 'engine'], { cwd: root });

  const rows: Row[] = [];
  const run = async (name: string, command: string, args: string[]) => {
    const m = await measure(command, args, { cwd: root });
    if (/^ ERR /m.test(m.stdout) || (m.code !== 0 && !(name.startsWith('canonize check') && m.code === 1))) {
      throw new Error(`${name} exited ${m.code}:\n${m.stderr.slice(0, 2000)}${m.stdout.split('\n').filter((l) => / ERR |Error/.test(l)).slice(0, 10).join('\n')}`);
    }
    rows.push({ name, m });
    return m;
  };
  await run('floor: read every file, search its text', process.execPath, [path.join(__dirname, 'floor.js'), root, 'engine', 'old-logger']);
  await run('canonize run (dry run, all issues)', process.execPath, [CLI, 'run', '--out', out]);
  await run('canonize check', process.execPath, [CLI, 'check', '--format', 'json']);
  await run('canonize discover', process.execPath, [CLI, 'discover', '--format', 'json']);
  const peer = await run('jscodeshift peer codemod (default workers, --dry)', process.execPath, peerArgs());
  if (peerCpus) await run(`jscodeshift peer codemod (--cpus=${peerCpus})`, process.execPath, peerArgs(peerCpus));
  await run('canonize transform under jscodeshift -t (default workers, --dry)', process.execPath, [
    JSCODESHIFT, '--no-babel', '-t', path.join(REPO, 'dist', 'transforms', 'canonical-imports.js'), '--parser=tsx', '--extensions=ts,tsx', '--dry', '--verbose=2', `--config=${path.join(root, tree.config)}`, 'packages',
  ]);

  const floor = rows[0]!.m.wallMs;
  const peerMs = peer.wallMs;
  process.stdout.write('| what | wall s | files/s | peak MiB | vs jscodeshift peer | vs floor |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
  for (const { name, m } of rows) {
    process.stdout.write(
      `| ${name} | ${(m.wallMs / 1000).toFixed(2)} | ${Math.round(tree.files / (m.wallMs / 1000))} | ${mib(m.peakRssBytes)} | ${(peerMs / m.wallMs).toFixed(1)}x faster | ${(m.wallMs / floor).toFixed(1)}x |\n`,
    );
  }
  const ours = changedByPatches(out);
  const theirs = changedByJscodeshift(peer.stdout, root);
  const agree = ours.length === theirs.length && ours.every((f, i) => f === theirs[i]);
  process.stdout.write(`\nHonesty check: canonize's patches change ${ours.length} files, the jscodeshift peer ${theirs.length}: ${agree ? 'the same files' : 'DIFFERENT files'}.\n`);
  if (!agree) {
    process.stdout.write(`  only canonize: ${ours.filter((f) => !theirs.includes(f)).slice(0, 10).join(', ')}\n  only peer: ${theirs.filter((f) => !ours.includes(f)).slice(0, 10).join(', ')}\n`);
    process.exitCode = 1;
  }
  if (!keep) fs.rmSync(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
  const seed = Number(arg('seed', '1'));
  const peerCpusIndex = process.argv.indexOf('--peer-cpus');
  const peerCpus = peerCpusIndex >= 0 ? process.argv[peerCpusIndex + 1] : undefined;
  process.stdout.write(`canonize bench: node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, seed ${seed}\n`);
  for (const size of sizes) await benchSize(size, seed, peerCpus, process.argv.includes('--keep'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
