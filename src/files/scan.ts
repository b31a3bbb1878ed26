/**
 * Listing and reading the files of a run, and keeping those a pre-filter lets through. In the built CLI this
 * runs on a second thread, started before TypeScript is loaded: listing and reading every file (about
 * 0.3 s per 10,000 files) then overlaps loading TypeScript and preparing the migrations (about 0.4 s),
 * whose results the filter needs. The filter is sent when it is known; files read before that are kept
 * until then. Under ts-jest (no compiled worker) and with `CANONIZE_READ_THREAD=0`, the same code runs
 * on the calling thread once the filter is known.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { InterruptedError } from '../errors';
import { selectFiles, type FileSelectionRequest } from './list';
import { mayMatch, type Prefilter } from './prefilter';
import { readSource } from './read';

export interface ScanRequest {
  selection: FileSelectionRequest;
  maxFileSize: number;
}

export interface ScanResult {
  /** Every selected file (absolute, sorted). */
  files: string[];
  /** Files read as text (not skipped, still there). */
  filesRead: number;
  /** Files not read, and why (symbolic link, binary, too large). */
  skipped: Array<{ file: string; reason: string }>;
  /** Files whose text passes the filter, in the order of `files`, with their position there. */
  candidates: Array<{ index: number; file: string; text: string }>;
}

/** The filter as it crosses threads: `{ filter: undefined }` means "every file". */
interface FilterMessage {
  filter: Prefilter | undefined;
}

/** A scan under way. */
export interface Scan {
  /** Hands over the filter, then waits for the scan to finish. Rejects with `InterruptedError` on `signal`. */
  collect(filter: Prefilter | undefined, signal?: AbortSignal): Promise<ScanResult>;
  /** Stops the scan (the run failed before collecting). */
  cancel(): void;
}

const WORKER = path.join(__dirname, 'scan-worker.js');

/**
 * Starts listing and reading the selected files. Throws (synchronously) nothing: selection errors that
 * depend on user input are checked before (see `checkPaths`); anything else rejects `collect`.
 */
export function startScan(request: ScanRequest): Scan {
  if (process.env.CANONIZE_READ_THREAD === '0' || !fs.existsSync(WORKER)) return inlineScan(request);
  return threadScan(request);
}

function inlineScan(request: ScanRequest): Scan {
  return {
    async collect(filter, signal) {
      const { result } = scanFiles(request, () => ({ filter }));
      if (signal?.aborted) throw interrupted(signal);
      return result;
    },
    cancel: () => undefined,
  };
}

function interrupted(signal: AbortSignal): InterruptedError {
  return new InterruptedError('interrupted while reading files; nothing was written', String(signal.reason ?? 'SIGINT'));
}

function threadScan(request: ScanRequest): Scan {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { request, port: port2 }, transferList: [port2] });
  let settled = false;
  const done = new Promise<ScanResult>((resolve, reject) => {
    worker.once('message', (result: ScanResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the file-reading thread stopped (exit code ${code}) before it finished`)));
  }).finally(() => {
    settled = true;
    port1.close();
    void worker.terminate();
  });
  // Nothing may wait on the thread once the run has failed or finished.
  done.catch(() => undefined);
  return {
    async collect(filter, signal) {
      port1.postMessage({ filter } satisfies FilterMessage);
      if (!signal) return done;
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(interrupted(signal));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([done, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
        if (!settled) void worker.terminate();
      }
    },
    cancel() {
      if (!settled) void worker.terminate();
    },
  };
}

/** How often (in files) the reading loop looks for the filter. */
const POLL = 128;

/**
 * Lists and reads the files; `pollFilter` returns the filter once it is known (`undefined` before). Files
 * read before it is known are kept and filtered when it arrives. `filtered: false` when it never came
 * during the scan: pass the result through {@link applyFilter} once it does.
 */
export function scanFiles(request: ScanRequest, pollFilter: () => FilterMessage | undefined): { result: ScanResult; filtered: boolean } {
  const files = selectFiles(request.selection);
  const result: ScanResult = { files, filesRead: 0, skipped: [], candidates: [] };
  let known: FilterMessage | undefined;
  for (const [index, file] of files.entries()) {
    if (!known && index % POLL === 0) {
      known = pollFilter();
      if (known) applyFilter(result, known.filter);
    }
    const read = readSource(file, request.maxFileSize);
    if (typeof read !== 'string') {
      if (read) result.skipped.push({ file, reason: read.skip });
      continue;
    }
    result.filesRead++;
    if (!known || mayMatch(read, known.filter)) result.candidates.push({ index, file, text: read });
  }
  return { result, filtered: known !== undefined };
}

/** Drops the candidates `filter` does not let through. */
export function applyFilter(result: ScanResult, filter: Prefilter | undefined): ScanResult {
  if (filter) result.candidates = result.candidates.filter((c) => mayMatch(c.text, filter));
  return result;
}

/** The worker's side: poll the port while reading; if the filter has not come by the end, wait for it. */
export function scanOnThread(request: ScanRequest, port: MessagePort, reply: (result: ScanResult) => void): void {
  const { result, filtered } = scanFiles(request, () => receiveMessageOnPort(port)?.message as FilterMessage | undefined);
  if (filtered) reply(result);
  else port.once('message', (message: FilterMessage) => reply(applyFilter(result, message.filter)));
}
