/**
 * Listing and reading on a second thread (src/files/scan.ts): the thread, the inline path and a filter
 * that arrives late all keep exactly the files the filter lets through, with the same skips and counts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Prefilter } from '../src/files/prefilter';
import { applyFilter, scanFiles, startScan, type Candidate, type FilterMessage, type Scan, type ScanRequest, type ScanSummary } from '../src/files/scan';
import { git, writeFiles } from './support/project';
import { allEnded, recordThreads, type ThreadRecord } from './support/threads';

/** The compiled module (`npm test` builds first): only there does the scan run on a worker thread. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require('../dist/src/files/scan') as typeof import('../src/files/scan');

let root: string;
let request: ScanRequest;
const filter: Prefilter = { needles: ['legacy'], patterns: [/from ['"]\.\.?['"]/] };

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-scan-')));
  const files: Record<string, string> = {
    'src/dot.ts': "import { a } from '.';\n",
    'src/binary.ts': 'export const x = 1;\0\n',
    'src/big.ts': `export const big = '${'x'.repeat(3000)}';\n`,
    'ignored/legacy.ts': "import 'legacy';\n",
    '.gitignore': 'ignored/\n',
  };
  // Enough files that the reading loop looks for the filter several times.
  for (let i = 0; i < 600; i++) files[`src/f${String(i).padStart(3, '0')}.ts`] = i % 7 === 0 ? `import { x } from '../legacy/m${i}';\n` : `export const v${i} = ${i};\n`;
  writeFiles(root, files);
  fs.symlinkSync(path.join(root, 'src/f000.ts'), path.join(root, 'src/link.ts'));
  git(root, 'init', '-q');
  request = {
    selection: { rootDir: root, include: ['src/**/*.ts', 'ignored/**/*.ts'], exclude: [], gitRoot: root, paths: [], skipDirs: [] },
    maxFileSize: 2000,
  };
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** What a scan found, with paths relative to the tree. */
function shape(files: string[], summary: ScanSummary, candidates: Candidate[]) {
  const rel = (f: string) => path.relative(root, f);
  return {
    files: files.map(rel),
    filesRead: summary.filesRead,
    skipped: summary.skipped.map((s) => ({ file: rel(s.file), reason: s.reason })),
    candidates: candidates.map((c) => ({ index: c.index, file: rel(c.file), text: c.text })),
  };
}

/** Scans on the calling thread; `pollFilter` says when the filter is known. */
function scanHere(pollFilter: () => FilterMessage | undefined) {
  const emitted: Candidate[] = [];
  const batches: number[] = [];
  let files: string[] = [];
  const { summary, held } = scanFiles(request, { pollFilter, emit: (batch) => (emitted.push(...batch), batches.push(batch.length)), listed: (list) => (files = list) });
  return { files, summary, emitted, held, batches };
}

/** Runs a Scan to the end. */
async function drain(scan: Scan, signal?: AbortSignal) {
  const candidates: Candidate[] = [];
  for await (const c of scan.candidates(filter, signal)) candidates.push(c);
  return shape(scan.files()!, scan.summary(), candidates);
}

it('hands over the files the filter lets through, in batches as they are read, and says why others were not read', () => {
  const { files, summary, emitted, held, batches } = scanHere(() => ({ filter }));
  expect(held).toBeUndefined();
  expect(batches.length).toBeGreaterThan(3);
  const found = shape(files, summary, emitted);
  expect(found.files).toHaveLength(604);
  expect(found.files).not.toContain('ignored/legacy.ts');
  expect(found.skipped).toEqual([
    { file: 'src/big.ts', reason: expect.stringMatching(/bytes, over the maxFileSize of 2000/) },
    { file: 'src/binary.ts', reason: 'binary (holds a NUL byte)' },
    { file: 'src/link.ts', reason: 'symbolic link, not followed' },
  ]);
  expect(found.filesRead).toBe(601);
  expect(found.candidates.map((c) => c.file)).toEqual(['src/dot.ts', ...Array.from({ length: 86 }, (_, k) => `src/f${String(k * 7).padStart(3, '0')}.ts`)]);
  for (const c of found.candidates) expect(found.files[c.index]).toBe(c.file);
});

it('gives the same result when the filter arrives late, or after the scan (every file read is held until then)', () => {
  const early = scanHere(() => ({ filter }));
  let polls = 0;
  const late = scanHere(() => (++polls > 2 ? { filter } : undefined));
  expect(late.held).toBeUndefined();
  expect(shape(late.files, late.summary, late.emitted)).toEqual(shape(early.files, early.summary, early.emitted));
  const never = scanHere(() => undefined);
  expect(never.emitted).toEqual([]);
  expect(never.held).toHaveLength(601);
  expect(shape(never.files, never.summary, applyFilter(never.held!, filter))).toEqual(shape(early.files, early.summary, early.emitted));
  expect(applyFilter(never.held!, undefined)).toHaveLength(601);
});

it('gives the same result on the worker thread as on the calling thread', async () => {
  const here = scanHere(() => ({ filter }));
  const threaded = built.startScan(request);
  expect(await drain(threaded)).toEqual(shape(here.files, here.summary, here.emitted));
  expect(threaded.files()).toHaveLength(604);
  // In the sources there is no compiled worker: the scan runs inline, with the same answer.
  expect(await drain(startScan(request))).toEqual(shape(here.files, here.summary, here.emitted));
});

it('stops with InterruptedError when the run is interrupted while reading, and can be cancelled', async () => {
  const controller = new AbortController();
  controller.abort('SIGINT');
  // The compiled module has its own error classes: compare by name.
  await expect(drain(built.startScan(request), controller.signal)).rejects.toMatchObject({ name: 'InterruptedError', signal: 'SIGINT' });
  await expect(drain(startScan(request), controller.signal)).rejects.toMatchObject({ name: 'InterruptedError', signal: 'SIGINT' });
  const cancelled = built.startScan(request);
  cancelled.cancel();
  await expect(drain(cancelled)).rejects.toThrow(/stopped/);
});

describe('the reading thread ends on its own, never terminated', () => {
  // Terminating a thread while it loads the parser's ES module aborts the whole process (Node 20 and 22,
  // "v8::Module::IsGraphAsync must be used on an instantiated module"); a CI run once died so. The thread is
  // asked to stop and returns at its next batch.
  let started: ThreadRecord[];
  beforeEach(() => (started = recordThreads()));
  afterEach(() => jest.restoreAllMocks());
  /** Waits for the one thread started to end, and checks it ended on its own. */
  const ended = async () => {
    expect(started).toHaveLength(1);
    await allEnded(started);
    expect(started).toEqual([{ exit: 0, terminated: false, sent: false }]);
  };

  it('when cancelled while it hands over files, and when it is done', async () => {
    const scan = built.startScan(request);
    const candidates = scan.candidates(undefined, undefined, { specifiers: true });
    expect((await candidates.next()).done).toBe(false);
    scan.cancel();
    await expect(candidates.next()).rejects.toThrow('the file-reading thread was stopped before it finished (the scan was cancelled)');
    await ended();
    started.length = 0;
    const done = built.startScan(request);
    await drain(done);
    done.cancel();
    await ended();
  });

  it('when a glob it checks matches no file: it reports it and reads no further', async () => {
    const scan = built.startScan(request);
    const candidates = scan.candidates(undefined, undefined, { specifiers: true, check: ['src/**/*.ts', 'nowhere/**'] });
    await expect(candidates.next()).rejects.toMatchObject({ name: 'UnmatchedGlobs', indexes: [1] });
    await ended();
    // Nothing was read after the report: the thread never said it was done.
    expect(() => scan.summary().filesRead).toThrow();
  });
});

describe('a runner waiting for files lists the next batch itself', () => {
  it('a batch handed over as read is neither listed nor analysed; the others are, and the files are the same', () => {
    const analyzer = path.join(root, 'analyzer.js');
    fs.writeFileSync(analyzer, 'exports.analyze = (text) => text.length;\n');
    const asRead: boolean[] = [];
    const emitted: Candidate[][] = [];
    // Every other batch goes as read, as when the runner waits for every other one.
    scanFiles(request, {
      pollFilter: () => ({ filter, analyzer }),
      emit: (batch) => emitted.push(batch),
      handAsRead: () => (asRead.push(asRead.length % 2 === 0), asRead[asRead.length - 1]!),
    });
    expect(emitted.length).toBeGreaterThan(3);
    emitted.forEach((batch, i) => {
      for (const c of batch) expect(c).toEqual(asRead[i] ? { index: c.index, file: c.file, text: expect.any(String) } : { index: c.index, file: c.file, text: '', analysis: expect.any(Number) });
    });
    const here = scanHere(() => ({ filter }));
    expect(emitted.flat().map((c) => c.file)).toEqual(here.emitted.map((c) => c.file));
  });

  it('on the thread: the batch the runner waits for comes as read, and the batches it does not wait for come listed', async () => {
    const scan = built.startScan(request);
    const candidates: Candidate[] = [];
    // The runner waits for the first batch; it then plans slowly, so the thread is ahead from then on.
    for await (const c of scan.candidates(filter, undefined, { specifiers: true })) {
      candidates.push(c);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const here = scanHere(() => ({ filter }));
    expect(shape(scan.files()!, scan.summary(), candidates)).toEqual(shape(here.files, here.summary, here.emitted));
    expect(candidates[0]!.specifiers).toBeUndefined();
    const last = candidates[candidates.length - 1]!;
    expect(last.specifiers).toEqual([expect.objectContaining({ kind: 'import', specifier: last.text.match(/'(.*)'/)![1] })]);
  });
});
