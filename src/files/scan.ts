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
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { InterruptedError } from '../errors';
import { unmatchedPatterns } from './globs';
import { selectFiles, type FileSelectionRequest } from './list';
import { mayMatch, type Prefilter } from './prefilter';
import { readSource } from './read';

export interface ScanRequest {
  selection: FileSelectionRequest;
  maxFileSize: number;
}

/** A file whose text passed the filter, with its position among the selected files. */
export interface Candidate {
  index: number;
  file: string;
  text: string;
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

/** The filter as it crosses threads: `{ filter: undefined }` means "every file". */
export interface FilterMessage {
  filter: Prefilter | undefined;
  /** Globs (relative to the selection's root) that must each match a listed file; see {@link UnmatchedGlobs}. */
  check?: string[];
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
   * before any file, when one of `check` matches no listed file.
   */
  candidates(filter: Prefilter | undefined, signal?: AbortSignal, check?: string[]): AsyncGenerator<Candidate>;
  /** Every selected file (absolute, sorted), once listed: before the first candidate is handed over. */
  files(): string[] | undefined;
  /** The listing, counts and skips; available once `candidates` is exhausted. */
  summary(): ScanSummary;
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
  return {
    async *candidates(filter, signal, check) {
      const found: Candidate[] = [];
      const emit = (batch: Candidate[]) => {
        for (const candidate of batch) found.push(candidate);
      };
      const unmatched = (indexes: number[]) => {
        throw new UnmatchedGlobs(indexes);
      };
      summary = scanFiles(request, { pollFilter: () => ({ filter, check }), emit, listed: (list) => (files = list), unmatched }).summary;
      if (signal?.aborted) throw interrupted(signal);
      yield* found;
    },
    files: () => files,
    summary: () => summary!,
    cancel: () => undefined,
  };
}

function threadScan(request: ScanRequest): Scan {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { request, port: port2 }, transferList: [port2] });
  const queue: Candidate[] = [];
  let listed: string[] | undefined;
  let summary: ScanSummary | undefined;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  worker.on('message', (message: ScanMessage) => {
    if ('listed' in message) listed = message.listed;
    else if ('unmatched' in message) failure ??= new UnmatchedGlobs(message.unmatched);
    // A loop, not push(...): the first batch after the filter holds every file read before it, maybe tens of thousands.
    else if ('candidates' in message) for (const candidate of message.candidates) queue.push(candidate);
    else {
      summary = message.summary;
      stop();
    }
    wake?.();
  });
  worker.once('error', (error) => {
    failure ??= error;
    wake?.();
  });
  worker.once('exit', (code) => {
    if (!summary) failure ??= new Error(`the file-reading thread stopped (exit code ${code}) before it finished`);
    wake?.();
  });
  return {
    async *candidates(filter, signal, check) {
      port1.postMessage({ filter, check } satisfies FilterMessage);
      const onAbort = () => {
        failure ??= interrupted(signal!);
        stop();
        wake?.();
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      try {
        let next = 0;
        for (;;) {
          if (failure) throw failure;
          while (next < queue.length) yield queue[next++]!;
          queue.length = next = 0;
          if (summary) return;
          if (failure) throw failure;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!summary) stop();
      }
    },
    files: () => listed,
    summary: () => summary!,
    cancel: stop,
  };
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
}

/**
 * Lists and reads the files. Until the filter is known, files are kept; when it arrives they are filtered
 * and handed to `emit`, and so is every later batch. `held`: the files read when the filter never came
 * during the scan (pass them through {@link applyFilter} once it does).
 */
export function scanFiles(request: ScanRequest, hooks: ScanHooks): { summary: ScanSummary; held: Candidate[] | undefined; listed: string[] } {
  const { files, unlisted, listed } = selectFiles(request.selection);
  hooks.listed?.(files);
  const summary: ScanSummary = { filesRead: 0, skipped: [], unreadable: [...unlisted] };
  let known: FilterMessage | undefined;
  let pending: Candidate[] = [];
  const flush = () => {
    if (pending.length > 0) hooks.emit(pending);
    pending = [];
  };
  const poll = () => {
    if (known || !(known = hooks.pollFilter())) return;
    checkGlobs(known, request.selection.rootDir, listed, hooks);
    pending = applyFilter(pending, known.filter);
  };
  for (const [index, file] of files.entries()) {
    if (index % BATCH === 0) {
      poll();
      if (known) flush();
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
  flush();
  return { summary, held: undefined, listed };
}

/** Tells `hooks.unmatched` which of the filter message's globs match no listed file. */
function checkGlobs(message: FilterMessage, rootDir: string, listed: string[], hooks: Pick<ScanHooks, 'unmatched'>): void {
  if (!message.check?.length) return;
  const unmatched = unmatchedPatterns(message.check, rootDir, listed);
  if (unmatched.length > 0) hooks.unmatched?.(unmatched);
}

/** The candidates `filter` lets through. */
export function applyFilter(candidates: Candidate[], filter: Prefilter | undefined): Candidate[] {
  return filter ? candidates.filter((c) => mayMatch(c.text, filter)) : candidates;
}

/** The reading thread's side: poll the port while reading; if the filter has not come by the end, wait for it. */
export function scanOnThread(request: ScanRequest, port: MessagePort, send: (message: ScanMessage) => void): void {
  const emit = (candidates: Candidate[]) => send({ candidates });
  const unmatched = (indexes: number[]) => send({ unmatched: indexes });
  const { summary, held, listed } = scanFiles(request, {
    pollFilter: () => receiveMessageOnPort(port)?.message as FilterMessage | undefined,
    emit,
    listed: (files) => send({ listed: files }),
    unmatched,
  });
  if (!held) {
    send({ summary });
    return;
  }
  port.once('message', (message: FilterMessage) => {
    checkGlobs(message, request.selection.rootDir, listed, { unmatched });
    emit(applyFilter(held, message.filter));
    send({ summary });
  });
}
