/**
 * Listing and reading the files of a run, and handing over those a pre-filter lets through. In the built CLI
 * this runs on a second thread, started before TypeScript is loaded: listing and reading every file (about
 * 0.3 s per 10,000 files) then overlaps loading TypeScript and preparing the migrations (about 0.4 s),
 * whose results the filter needs. The filter is sent when it is known; files read before that are kept
 * until then, and from then on each batch of files that passes is handed over as soon as it is read, so
 * planning overlaps reading too. Under ts-jest (no compiled worker), on a single core, and with
 * `CANONIZE_READ_THREAD=0`, the same code runs on the calling thread once the filter is known.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { InterruptedError } from '../errors';
import { unmatchedPatterns } from './globs';
import { selectFiles, type FileSelectionRequest } from './list';
import { mayMatch, type Prefilter } from './prefilter';
import { readSource } from './read';
import { fastSpecifiers, type SpecifierReference } from '../syntax/specifiers';

export interface ScanRequest {
  selection: FileSelectionRequest;
  maxFileSize: number;
}

/** A file whose text passed the filter, with its position among the selected files. */
export interface Candidate {
  index: number;
  file: string;
  text: string;
  /**
   * The text's module specifiers, listed on the reading thread when the run asked for them and the fast path
   * could give them (see {@link CandidateOptions.specifiers}); absent otherwise.
   */
  specifiers?: SpecifierReference[];
  /**
   * What the analyzer made of the text on the reading thread (see {@link CandidateOptions.analyzer}); the text
   * itself is then empty. Absent where no analyzer was asked for or it failed on this file (the text is there).
   */
  analysis?: unknown;
}

/** What `candidates` is asked besides the filter. */
export interface CandidateOptions {
  /** Globs (relative to the selection's root) that must each match a listed file; see {@link UnmatchedGlobs}. */
  check?: string[];
  /**
   * List each candidate's module specifiers while reading it (`fastSpecifiers`): on the reading thread, that
   * parse overlaps planning instead of adding to it. For runs whose migrations plan from specifiers.
   */
  specifiers?: boolean;
  /**
   * A module (absolute path) whose `analyze(text, file)` the reading thread runs on each candidate, handing
   * over its result (plain data) in place of the text: for a command that needs what a text says, not the
   * text (discover). Not run without a reading thread: the caller analyses the text itself.
   */
  analyzer?: string;
}

/** What the scan found besides the candidates. */
export interface ScanSummary {
  /** Files read as text (not skipped, still there). */
  filesRead: number;
  /** Files not read, and why (symbolic link, binary, too large). */
  skipped: Array<{ file: string; reason: string }>;
  /** Files that could not be read and folders that could not be listed (no permission): failures of the run. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** The filter and the options as they cross threads: `{ filter: undefined }` means "every file". */
export interface FilterMessage extends CandidateOptions {
  filter: Prefilter | undefined;
}

/**
 * Thrown by `candidates` before any file is handed over when some of the globs it was asked to check match no
 * listed file (a typo in `include`, a folder that was renamed). `indexes` are positions in that list.
 */
export class UnmatchedGlobs extends Error {
  override name = 'UnmatchedGlobs';
  constructor(readonly indexes: number[]) {
    super(`globs that match no file: ${indexes.join(', ')}`);
  }
}

/** What the reading thread sends: the files once listed, batches of candidates, then the summary. */
type ScanMessage = { listed: string[] } | { unmatched: number[] } | { candidates: Candidate[] } | { summary: ScanSummary };

/** A scan under way. */
export interface Scan {
  /**
   * Hands over the filter and yields the files it lets through, in the order of the selection, as they are
   * read. Throws `InterruptedError` when `signal` aborts while waiting for files, and {@link UnmatchedGlobs},
   * before any file, when one of `options.check` matches no listed file.
   */
  candidates(filter: Prefilter | undefined, signal?: AbortSignal, options?: CandidateOptions): AsyncGenerator<Candidate>;
  /** Every selected file (absolute, sorted), once listed: before the first candidate is handed over. */
  files(): string[] | undefined;
  /** The listing, counts and skips; available once `candidates` is exhausted. */
  summary(): ScanSummary;
  /**
   * Once every file has been read (the reading thread is done): how many candidates it read wait to be handed
   * over; `undefined` while it reads.
   */
  waiting(): number | undefined;
  /** Stops the scan (the run failed or stopped early). */
  cancel(): void;
}

const WORKER = path.join(__dirname, 'scan-worker.js');

/**
 * Starts listing and reading the selected files. Errors that depend on user input are checked before (see
 * `checkPaths`); anything else (git failing) is thrown from `candidates`.
 */
export function startScan(request: ScanRequest): Scan {
  // With one core there is nothing to overlap with: the thread would only add its start-up.
  const threaded = process.env.CANONIZE_READ_THREAD !== '0' && os.availableParallelism() > 1 && fs.existsSync(WORKER);
  return threaded ? threadScan(request) : inlineScan(request);
}

function interrupted(signal: AbortSignal): InterruptedError {
  return new InterruptedError('interrupted while reading files; nothing was written', String(signal.reason ?? 'SIGINT'));
}

function inlineScan(request: ScanRequest): Scan {
  let summary: ScanSummary | undefined;
  let files: string[] | undefined;
  const found: Candidate[] = [];
  let handed = 0;
  return {
    async *candidates(filter, signal, options) {
      const emit = (batch: Candidate[]) => {
        for (const candidate of batch) found.push(candidate);
      };
      const unmatched = (indexes: number[]) => {
        throw new UnmatchedGlobs(indexes);
      };
      // On this thread a listing made while reading would only move the parse earlier: not asked for.
      summary = scanFiles(request, { pollFilter: () => ({ filter, check: options?.check }), emit, listed: (list) => (files = list), unmatched }).summary;
      if (signal?.aborted) throw interrupted(signal);
      // Counted as handed over before the runner gets it, as on the thread (see `waiting`).
      while (handed < found.length) yield found[handed++]!;
      found.length = handed = 0;
    },
    files: () => files,
    summary: () => summary!,
    waiting: () => (summary === undefined ? undefined : found.length - handed),
    cancel: () => undefined,
  };
}

function threadScan(request: ScanRequest): Scan {
  const { port1, port2 } = new MessageChannel();
  const hunger = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { workerData: { request, port: port2, hunger } satisfies ThreadData, transferList: [port2] });
  const queue: Candidate[] = [];
  /** Candidates of `queue` handed over. */
  let next = 0;
  let listed: string[] | undefined;
  let summary: ScanSummary | undefined;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let stopping = false;
  // The thread is asked to stop and ends on its own, never terminated (see scanOnThread).
  const stop = () => {
    if (stopping || summary) return;
    stopping = true;
    failure ??= new Error('the file-reading thread was stopped before it finished (the scan was cancelled)');
    port1.postMessage({ stop: true } satisfies ControlMessage);
    wake?.();
  };
  worker.on('message', (message: ScanMessage) => {
    if ('listed' in message) listed = message.listed;
    else if ('unmatched' in message) failure ??= new UnmatchedGlobs(message.unmatched);
    // A loop, not push(...): the first batch after the filter holds every file read before it, maybe tens of thousands.
    else if ('candidates' in message) {
      if (!stopping) for (const candidate of message.candidates) queue.push(candidate);
    }
    else summary = message.summary;
    wake?.();
  });
  worker.once('error', (error) => {
    failure ??= error;
    wake?.();
  });
  worker.once('exit', (code) => {
    if (!summary && !stopping) failure ??= new Error(`the file-reading thread stopped (exit code ${code}) before it finished`);
    wake?.();
  });
  return {
    async *candidates(filter, signal, options) {
      port1.postMessage({ filter, ...options } satisfies FilterMessage);
      const onAbort = () => {
        failure ??= interrupted(signal!);
        stop();
        wake?.();
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          if (failure) throw failure;
          while (next < queue.length && !failure) yield queue[next++]!;
          queue.length = next = 0;
          if (summary) return;
          if (failure) throw failure;
          // Nothing to plan: the next batch comes as read, for this thread to list (see `Hunger`).
          Atomics.store(hunger, 0, HUNGRY);
          await new Promise<void>((resolve) => (wake = resolve));
          Atomics.store(hunger, 0, FED);
          wake = undefined;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!summary) stop();
      }
    },
    files: () => listed,
    summary: () => summary!,
    waiting: () => (summary === undefined ? undefined : queue.length - next),
    cancel: stop,
  };
}

/**
 * The runner's thread waits for files while the reading thread lists the specifiers of the files it read
 * (oxc's parse is most of its work when every file is planned). At 50,000 files the runner's thread was idle
 * half the time of a spelling `check`. So the runner marks, in memory both threads share, that it is waiting
 * (`HUNGRY`); the reading thread then hands over its next batch as read, marks the runner `FED`, and the
 * runner lists that batch itself (its planning lists what the reading thread did not; the lists are the
 * same, made by the same function). One batch per wait, so the reading thread keeps most of that work.
 */
type Hunger = Int32Array;
const FED = 0;
const HUNGRY = 1;

/** What the reading thread is started with. */
export interface ThreadData {
  request: ScanRequest;
  port: MessagePort;
  hunger: Hunger;
}

/** How often (in files) the reading loop looks for the filter, and hands over what passed it. */
const BATCH = 128;

export interface ScanHooks {
  /** The filter once it is known, else `undefined`. */
  pollFilter(): FilterMessage | undefined;
  /** Files that passed the filter, in order; called only once the filter is known. */
  emit(batch: Candidate[]): void;
  /** The selected files, before any is read. */
  listed?(files: string[]): void;
  /** Positions of the filter message's `check` globs that match no listed file; called before `emit`. */
  unmatched?(indexes: number[]): void;
  /** Whether the next batch goes as read, neither listed nor analysed (the runner waits for it). */
  handAsRead?(): boolean;
}

/** What {@link scanFiles} returns. */
export interface ScanResult {
  summary: ScanSummary;
  /** The files read when the filter never came during the scan (pass them through {@link applyFilter} once it does). */
  held: Candidate[] | undefined;
  listed: string[];
}

/**
 * Lists and reads the files. Until the filter is known, files are kept; when it arrives they are filtered
 * and handed to `emit`, and so is every later batch.
 */
export function scanFiles(request: ScanRequest, hooks: ScanHooks): ScanResult {
  const steps = scanSteps(request, hooks);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link scanFiles} one batch of files at a time: the reading thread returns to its event loop between
 * batches, where the parser's native results are freed (a scan that never yields holds every file's parse,
 * over a GiB at 50,000 files).
 */
function* scanSteps(request: ScanRequest, hooks: ScanHooks): Generator<void, ScanResult> {
  const { files, unlisted, listed } = selectFiles(request.selection);
  hooks.listed?.(files);
  const summary: ScanSummary = { filesRead: 0, skipped: [], unreadable: [...unlisted] };
  let known: FilterMessage | undefined;
  let pending: Candidate[] = [];
  const poll = () => {
    if (known || !(known = hooks.pollFilter())) return;
    checkGlobs(known, request.selection.rootDir, listed, hooks);
    pending = applyFilter(pending, known.filter);
  };
  for (const [index, file] of files.entries()) {
    if (index % BATCH === 0) {
      poll();
      if (known) yield* emitListed(pending.splice(0), known, hooks);
      yield;
    }
    const read = readSource(file, request.maxFileSize);
    if (typeof read !== 'string') {
      if (read && 'unreadable' in read) summary.unreadable.push({ file, reason: read.unreadable });
      else if (read) summary.skipped.push({ file, reason: read.skip });
      continue;
    }
    summary.filesRead++;
    if (!known || mayMatch(read, known.filter)) pending.push({ index, file, text: read });
  }
  poll();
  if (!known) return { summary, held: pending, listed };
  yield* emitListed(pending, known, hooks);
  return { summary, held: undefined, listed };
}

/** Tells `hooks.unmatched` which of the filter message's globs match no listed file. */
function checkGlobs(message: FilterMessage, rootDir: string, listed: string[], hooks: Pick<ScanHooks, 'unmatched'>): void {
  if (!message.check?.length) return;
  const unmatched = unmatchedPatterns(message.check, rootDir, listed);
  if (unmatched.length > 0) hooks.unmatched?.(unmatched);
}

/**
 * Hands `candidates` to `emit`, with their module specifiers listed where `message` asks for them and the fast
 * path gives them; in batches (a step each), so that planning starts on the first files of a backlog while
 * the rest are listed.
 */
function* emitListed(candidates: Candidate[], message: FilterMessage, hooks: Pick<ScanHooks, 'emit' | 'handAsRead'>): Generator<void, void> {
  for (let i = 0; i < candidates.length; i += BATCH) {
    if (i > 0) yield;
    const batch = candidates.slice(i, i + BATCH);
    if (hooks.handAsRead?.()) {
      hooks.emit(batch);
      continue;
    }
    if (message.specifiers) {
      for (const candidate of batch) {
        const specifiers = fastSpecifiers(candidate.text, candidate.file);
        if (specifiers) candidate.specifiers = specifiers;
      }
    }
    if (message.analyzer) analyzeAll(batch, message.analyzer);
    hooks.emit(batch);
  }
}

/** Runs the analyzer module on each candidate; a file it fails on keeps its text, for the caller to analyse. */
function analyzeAll(batch: Candidate[], analyzer: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require(analyzer) as { analyze: (text: string, file: string) => unknown };
  for (const candidate of batch) {
    try {
      candidate.analysis = analyze(candidate.text, candidate.file);
      candidate.text = '';
    } catch {
      // Left to the caller, which reports what fails.
    }
  }
}

/** The candidates `filter` lets through. */
export function applyFilter(candidates: Candidate[], filter: Prefilter | undefined): Candidate[] {
  return filter ? candidates.filter((c) => mayMatch(c.text, filter)) : candidates;
}

/** What the runner sends the reading thread: the filter once, and a request to stop reading. */
type ControlMessage = FilterMessage | { stop: true };

/** Ends the reading thread's scan early: it was asked to stop, or its globs failed the run. */
class Stopped extends Error {}

/**
 * The reading thread's side: read in batches, returning to the event loop between them, where the filter and
 * a stop request arrive; if the filter has not come by the end, wait for it. On a stop request, or once it has
 * reported globs that match nothing (the run fails), it stops reading and returns: the thread then ends on its
 * own. The runner never terminates it: a thread terminated while loading the parser's ES module (`require(esm)`)
 * aborts the whole process (Node 20 and 22: "v8::Module::IsGraphAsync must be used on an instantiated module").
 */
export async function scanOnThread({ request, port, hunger }: ThreadData, send: (message: ScanMessage) => void): Promise<void> {
  let filter: FilterMessage | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  port.on('message', (message: ControlMessage) => {
    if ('stop' in message) stopped = true;
    else filter ??= message;
    wake?.();
  });
  const emit = (candidates: Candidate[]) => send({ candidates });
  const unmatched = (indexes: number[]) => {
    send({ unmatched: indexes });
    throw new Stopped();
  };
  const running = () => {
    if (stopped) throw new Stopped();
  };
  const handAsRead = () => Atomics.compareExchange(hunger, 0, HUNGRY, FED) === HUNGRY;
  try {
    const steps = scanSteps(request, { pollFilter: () => filter, emit, listed: (files) => send({ listed: files }), unmatched, handAsRead });
    const { summary, held, listed } = await stepByStep(steps, running);
    if (held) {
      while (!filter && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      running();
      checkGlobs(filter!, request.selection.rootDir, listed, { unmatched });
      await stepByStep(emitListed(applyFilter(held, filter!.filter), filter!, { emit, handAsRead }), running);
    }
    send({ summary });
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  } finally {
    port.close();
  }
}

/** Runs `steps` to the end, returning to the event loop after each, and calling `between` there. */
async function stepByStep<T>(steps: Generator<void, T>, between: () => void): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
    between();
  }
}
