/**
 * The all-or-nothing writer on its own: every kind of write (replace, delete, create in a new folder) is put
 * back when a later one fails, at any step, and a successful run leaves no temporary or backup file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyWrites, type PlannedWrite } from '../src/apply/transaction';
import { WriteError } from '../src/errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-tx-'));
  for (const name of ['a.ts', 'b.ts', 'd.ts']) fs.writeFileSync(path.join(dir, name), `old ${name}\n`);
  fs.chmodSync(path.join(dir, 'a.ts'), 0o640);
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = (name: string) => path.join(dir, name);
const tree = () => Object.fromEntries((fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => [f, fs.statSync(at(f)).isFile() ? fs.readFileSync(at(f), 'utf8') : '(folder)']));

/** Replace a.ts, delete b.ts, create c/new.ts in a new folder, replace d.ts: in that order. */
function writes(): PlannedWrite[] {
  return [
    { file: at('a.ts'), content: 'new a.ts\n', expected: 'old a.ts\n' },
    { file: at('b.ts'), content: null, expected: 'old b.ts\n' },
    { file: at('c/new.ts'), content: 'created\n', expected: null },
    { file: at('d.ts'), content: 'new d.ts\n', expected: 'old d.ts\n' },
  ];
}

it('applies every write, keeps modes, and leaves no temporary or backup file', async () => {
  const outcome = await applyWrites(writes());
  expect(tree()).toEqual({ 'a.ts': 'new a.ts\n', c: '(folder)', 'c/new.ts': 'created\n', 'd.ts': 'new d.ts\n' });
  expect(fs.statSync(at('a.ts')).mode & 0o777).toBe(0o640);
  expect(outcome).toEqual({ written: [at('a.ts'), at('c/new.ts'), at('d.ts')], deleted: [at('b.ts')], readOnly: [], leftovers: [] });
});

it.each([
  ['the last rename', (file: string) => file === at('d.ts')],
  ['the rename of the first file', (file: string) => file === at('a.ts')],
])('puts back every replaced, deleted and created file when %s fails', async (_name, failsOn) => {
  const before = tree();
  // The module object itself: `import * as fs` gives getters onto it that cannot be redefined.
  const realFs = require('node:fs') as typeof fs;
  const rename = realFs.renameSync;
  jest.spyOn(realFs, 'renameSync').mockImplementation((from, to) => {
    if (failsOn(String(to)) && String(from).endsWith('.tmp')) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    return rename(from, to);
  });
  const error = await applyWrites(writes(), { label: (f) => path.relative(dir, f) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WriteError);
  expect((error as WriteError).message).toMatch(/^could not write (d|a)\.ts: no space left on device \(ENOSPC\)\. Nothing was changed\./);
  expect(tree()).toEqual(before);
});

it('refuses before writing anything when a source changed since it was read, or a file appeared where one is created', async () => {
  fs.appendFileSync(at('d.ts'), 'edited\n');
  const before = tree();
  await expect(applyWrites(writes(), { label: (f) => path.relative(dir, f) })).rejects.toThrow('cannot write d.ts: it changed since canonize read it (run canonize again). Nothing was changed.');
  expect(tree()).toEqual(before);
  fs.writeFileSync(at('d.ts'), 'old d.ts\n');
  fs.mkdirSync(at('c'));
  fs.writeFileSync(at('c/new.ts'), 'someone else\n');
  await expect(applyWrites(writes(), { label: (f) => path.relative(dir, f) })).rejects.toThrow('cannot write c/new.ts: a file appeared there since canonize planned to create it. Nothing was changed.');
  expect(fs.readFileSync(at('c/new.ts'), 'utf8')).toBe('someone else\n');
});

it('stops on a signal while staging: nothing changed, no temporary file', async () => {
  const controller = new AbortController();
  controller.abort('SIGINT');
  const before = tree();
  await expect(applyWrites(writes(), { signal: controller.signal })).rejects.toThrow('interrupted while preparing the writes (0 of 4 files); nothing was changed and no temporary file is left');
  expect(tree()).toEqual(before);
});
