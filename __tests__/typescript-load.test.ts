/**
 * TypeScript loaded with V8's code cache (src/typescript/load.ts): the same module `require('typescript')`
 * gives, a cache written once, whole, by the main thread, used by the next process, and a cache that does not
 * fit or cannot be written costing only time. Run in child processes on the built module: under jest's module
 * runtime TypeScript is loaded with plain `require`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTypescript } from '../src/typescript/load';

const BUILT = path.join(__dirname, '..', 'dist', 'src', 'typescript', 'load.js');

let folder: string;
beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-code-cache-'))));
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Loads TypeScript in a new process with the cache in `cache`; prints what the test checks. */
function load(cache: string, extra = '') {
  const script = `
    const { loadTypescript } = require(${JSON.stringify(BUILT)});
    const ts = loadTypescript();
    const file = ts.createSourceFile('a.ts', 'import x from "./b";', ts.ScriptTarget.Latest);
    console.log(JSON.stringify({ same: ts === require('typescript'), version: ts.version, imports: file.statements.length }));
    ${extra}`;
  const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, CANONIZE_CODE_CACHE: cache }, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n')[0]!) as { same: boolean; version: string; imports: number };
}

const cacheFiles = () => fs.readdirSync(folder);
const stamp = (name: string) => fs.statSync(path.join(folder, name)).mtimeMs;

it('loads the module require gives, writes its cache at exit, and the next process uses it without writing', () => {
  const first = load(folder);
  expect(first).toEqual({ same: true, version: require('typescript').version, imports: 1 });
  const written = cacheFiles();
  expect(written).toEqual([expect.stringMatching(new RegExp(`^typescript-\\d+-\\d+-v8-.*-${process.arch}\\.bin$`))]);
  const before = stamp(written[0]!);
  expect(load(folder)).toEqual(first);
  // Accepted: nothing written again (a refused cache is replaced).
  expect(cacheFiles()).toEqual(written);
  expect(stamp(written[0]!)).toBe(before);
});

it('replaces a cache V8 refuses, and loads TypeScript all the same', () => {
  load(folder);
  const [name] = cacheFiles();
  fs.writeFileSync(path.join(folder, name!), 'not a code cache');
  expect(load(folder).same).toBe(true);
  expect(fs.statSync(path.join(folder, name!)).size).toBeGreaterThan(100_000);
  expect(cacheFiles()).toEqual([name]);
});

it('runs when the cache cannot be written, and never leaves a partial file', () => {
  const blocked = path.join(folder, 'a-file');
  fs.writeFileSync(blocked, '');
  expect(load(blocked).same).toBe(true);
  expect(cacheFiles()).toEqual(['a-file']);
});

it('is written by the main thread only: a worker that loads TypeScript leaves no cache', () => {
  const worker = `const { Worker } = require('node:worker_threads');
    new Worker(${JSON.stringify(`require(${JSON.stringify(BUILT)}).loadTypescript();`)}, { eval: true });`;
  const script = worker.replace(/\n/g, ' ');
  const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, CANONIZE_CODE_CACHE: folder }, encoding: 'utf8' });
  expect(child.status).toBe(0);
  expect(cacheFiles()).toEqual([]);
});

it('CANONIZE_CODE_CACHE=0 and jest load TypeScript with plain require', () => {
  expect(load('0').same).toBe(true);
  expect(loadTypescript()).toBe(require('typescript'));
});
