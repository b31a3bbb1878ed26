/**
 * TypeScript itself, loaded once per thread, when first needed, with V8's code cache.
 *
 * Loading `typescript.js` (9 MB) is the largest fixed cost of a run. Most of it is V8 compiling the file, not
 * running it. Measured on this project's machine: 415 to 590 ms to load TypeScript without a cache, 280 to
 * 400 ms with one; `canonize check` on umami went from 1.45 to 1.29 s.
 *
 * The cache is made from the compiled script at the end of the first run, so it holds every function that
 * run compiled, not only the top level. `v8-compile-cache` makes its cache just after compiling, and hooks
 * every module of the process. On a `check` of umami it made the run slower: 1.55 s became 2.2 s.
 *
 * The cache is a file under the `node_modules/.cache/canonize` folder that holds TypeScript, as build tools
 * keep theirs. Its name holds what it was made from: the file's size and time, V8's version and the CPU's
 * architecture. V8 also checks the source's length and its own flags, and refuses a cache that does not fit;
 * the file is then compiled as without one. A cache that cannot be read or written (a read-only install) only
 * costs the time. The main thread writes it, at exit, through a temporary file renamed into place: two runs
 * at once never leave half a cache. `CANONIZE_CODE_CACHE=<folder>` keeps it in that folder instead (an install
 * whose `node_modules` cannot be written); `CANONIZE_CODE_CACHE=0` loads TypeScript with plain `require`.
 *
 * Only where Node's own module loader runs (the built CLI); under jest's module runtime, plain `require`.
 */
import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import type * as TS from 'typescript';

let ts: typeof TS | undefined;

/** TypeScript, loaded when first needed, not when this module is (the runner starts reading files first). */
export function loadTypescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- TypeScript is loaded when first needed
  return (ts ??= (withCodeCache() ?? require('typescript')) as typeof TS);
}

/** Node's module cache (jest's module runtime gives modules a `require` with a cache of its own). */
const nodeModuleCache = createRequire(__filename).cache;

/**
 * TypeScript compiled with the code cache and registered as the module `require('typescript')` gives, or
 * `undefined` where plain `require` loads it (see the module's comment).
 */
function withCodeCache(): unknown {
  if (process.env.CANONIZE_CODE_CACHE === '0' || require.cache !== nodeModuleCache) return undefined;
  const file = require.resolve('typescript');
  if (nodeModuleCache[file]) return undefined;
  // Read as bytes, then decoded: Node 20's `readFileSync(file, 'utf8')` took 155 to 180 ms on this 9 MB file,
  // the bytes and their decoding 100 ms.
  const source = fs.readFileSync(file).toString('utf8');
  const cacheFile = cachePath(file);
  const cachedData = readIfThere(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, undefined);
  module.filename = file;
  nodeModuleCache[file] = module;
  try {
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    delete nodeModuleCache[file];
    throw error;
  }
  module.loaded = true;
  if ((cachedData === undefined || script.cachedDataRejected) && isMainThread) process.once('exit', () => writeCache(cacheFile, script));
  return module.exports;
}

/** Where the code cache of `file` (TypeScript's main file) is kept. */
function cachePath(file: string): string {
  const { size, mtimeMs } = fs.statSync(file);
  // .../node_modules/typescript/lib/typescript.js -> .../node_modules/.cache/canonize
  const folder = process.env.CANONIZE_CODE_CACHE || path.join(path.dirname(file), '..', '..', '.cache', 'canonize');
  return path.join(folder, `typescript-${size}-${Math.trunc(mtimeMs)}-v8-${process.versions.v8}-${process.arch}.bin`);
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the script's code cache (with every function compiled so far), whole or not at all. */
function writeCache(file: string, script: vm.Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there (the folder cannot be made).
    }
  }
}
