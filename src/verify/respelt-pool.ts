/**
 * The proof's first step, started while the run still plans. On a spelling clean-up every changed file is
 * parsed once, as it was, to align its new text with (src/verify/spelling.ts); at 50,000 files that parse
 * was more than half of the proof, all of it on the runner's thread after planning. Here each change is sent,
 * as the runner records it, to a pool (piscina) of threads that parse and align it while the runner plans the
 * next files; the proof then only resolves the specifiers that changed. What comes back is plain data.
 *
 * The pool starts once every file has been read, if the changes recorded so far and the files still to be
 * planned are at least {@link POOL_WORK} together: before that, the reading thread uses the other core (it
 * lists each file's specifiers), and a thread that competes with it and with the runner's only slows planning
 * down; and loading TypeScript on a thread (0.5 s) pays off only for much work. Measured on the bench's
 * spelling job (2 cores), where nearly every file changes: at 10,000 files the pool made the run 0.4 s
 * slower; at 50,000, 4 s faster (proof 11.1 -> 6.6 s). It has one thread fewer than the cores (the runner's
 * thread keeps planning). The proof claims the batches no thread has taken when it gets to them (see
 * {@link RespeltAhead.witness}). `CANONIZE_WORKERS=<n>` sets the number of threads and starts it with the
 * first change (`0`: never).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { FileChange } from '../plan/run';
import type { ModuleResolver } from '../resolve/resolver';
import { programOptions } from '../typescript/program';
import type { RespeltWitness } from './spelling';
import { forcedWorkers } from '../workers';

const WORKER = path.join(__dirname, 'respelt-worker.js');

/**
 * Changes recorded plus files left to plan, once every file is read, from which the pool starts. Counting
 * only the files left made the start depend on how far planning had got when reading ended (at 50,000
 * files, once planning got faster, sometimes under 20,000 left, and the proof then ran alone: 8 s).
 */
export const POOL_WORK = 20_000;

/** Files sent to a thread at once. */
const BATCH = 64;

/**
 * Batches with the pool at a time, per thread. More are sent only when the runner's thread looks at its
 * events (while planning, once per slice of 256 files), so a thread has a few in hand between looks; what is
 * with the pool cannot be claimed by the proof. Eight batches are 512 files.
 *
 * Each of them is posted to its thread at once (piscina's `concurrentTasksPerWorker`), where they wait in
 * line: with piscina's default of one task per thread, the next batch was posted only when the runner's
 * thread took the last answer in, at its next look, and the pool's thread spent 60 to 70% of its time
 * waiting. At 50,000 files it then aligned 32,000 of 50,000 changed files, and the runner's thread the rest,
 * after planning; with every batch in line, the pool aligned all of them and the proof took 0.9-1.2 s
 * instead of 2.1-2.7 s.
 */
const IN_FLIGHT = 8;

/** A batch of one project's files: each file's text before and after the change. */
export interface RespeltTask {
  /** The options the proof's programs use for these files (see `programOptions`). */
  options: TS.CompilerOptions;
  files: Array<{ file: string; before: string; after: string }>;
}

/**
 * Per file of the task, its witness (`null` when more than specifiers changed) and the hunks of its patch
 * (src/report/patch.ts): on a spelling clean-up at 50,000 files, making the patches was 1.3-1.6 s of the
 * runner's thread after the proof, while the pool's thread was idle a third of the time during planning.
 */
export type RespeltAnswer = Array<{ witness: RespeltWitness | null; hunks: string }>;

/**
 * A batch of changes for the pool: `queued` here, `sent` to a thread, `answered` by it, or `claimed` by the
 * proof, which reached it before any thread did and aligns its files itself.
 */
interface Batch {
  task: RespeltTask;
  state: 'queued' | 'sent' | 'answered' | 'claimed';
  /** What the thread answered, once `answered` (`undefined` when it failed). */
  answer?: RespeltAnswer;
  /** Settles with the answer (`undefined` when the thread failed or the proof claimed the batch). */
  answered: Promise<RespeltAnswer | undefined>;
  settle(answer: RespeltAnswer | undefined): void;
}

/** One change sent ahead: the texts it is about, its batch and its place there. */
interface Sent {
  before: string;
  after: string;
  batch: Batch;
  index: number;
}

export class RespeltAhead {
  private piscina: import('piscina').Piscina | undefined;
  private readonly sent = new Map<string, Sent>();
  /** Batches not sent yet, in order: at most {@link IN_FLIGHT} per thread are with the pool at a time. */
  private readonly pending: Batch[] = [];
  private inFlight = 0;
  /** Per project (tsconfig), the files waiting for a full batch. */
  private readonly waiting = new Map<string, { options: TS.CompilerOptions; files: RespeltTask['files']; keys: string[] }>();
  /**
   * `waiting`: changes are kept until every file is read; `started`: they go to the pool; `off`: the pool will
   * not be used (too few files left to plan, or it failed), and what was sent stands.
   */
  private state: 'waiting' | 'started' | 'off';

  private constructor(
    private readonly resolver: () => ModuleResolver,
    private readonly threads: number,
    forced: boolean,
  ) {
    this.state = forced ? 'started' : 'waiting';
  }

  /**
   * Aligns changes ahead for a run whose proof uses the projects of `resolver()` (made on first use), or
   * `undefined` when the proof aligns them on its own thread (one core, no compiled worker under ts-jest, or
   * `CANONIZE_WORKERS=0`).
   */
  static open(resolver: () => ModuleResolver): RespeltAhead | undefined {
    const forced = forcedWorkers();
    const threads = forced ?? os.availableParallelism() - 1;
    if (!Number.isInteger(threads) || threads < 1 || !fs.existsSync(WORKER)) return undefined;
    return new RespeltAhead(resolver, threads, forced !== undefined);
  }

  /**
   * A change issue `issue` makes: its witness is found ahead (files created or deleted have none). Whatever
   * fails here (the pool cannot start, say) ends the work ahead, never the run: the proof aligns the files itself.
   */
  record(issue: number, change: FileChange): void {
    if (this.state === 'off') return;
    try {
      this.queue(issue, change);
    } catch {
      this.state = 'off';
    }
  }

  private queue(issue: number, change: FileChange): void {
    if (change.after === null || change.created) return;
    const { configPath, options } = this.resolver().compilerOptionsFor(change.file);
    const project = configPath ?? '';
    let waiting = this.waiting.get(project);
    if (!waiting) this.waiting.set(project, (waiting = { options: plainOptions(programOptions(options, 'bindings')), files: [], keys: [] }));
    waiting.files.push({ file: change.file, before: change.before, after: change.after });
    waiting.keys.push(`${issue}\0${change.file}`);
    if (this.state === 'started' && waiting.files.length >= BATCH) this.send(waiting);
  }

  /** Every file has been read, and `left` are still to be planned: the pool starts (with what waits) if there is much to do. */
  filesRead(left: number): void {
    if (this.state !== 'waiting') return;
    let recorded = 0;
    for (const waiting of this.waiting.values()) recorded += waiting.files.length;
    if (recorded + left < POOL_WORK) {
      // The pool will not start: the changes recorded from now on are not kept.
      this.state = 'off';
      this.waiting.clear();
      return;
    }
    this.state = 'started';
    this.sendAll(BATCH);
  }

  /** Sends what waits (planning is over), if the pool started; else the proof aligns every file itself. */
  flush(): void {
    if (this.state === 'started') this.sendAll(1);
  }

  /** Sends every batch of at least `least` files that waits. */
  private sendAll(least: number): void {
    try {
      for (const waiting of this.waiting.values()) while (waiting.files.length >= least) this.send(waiting);
    } catch {
      this.state = 'off';
    }
  }

  /** Whether a thread is making the witness of issue `issue`'s change of `file` right now. */
  busy(issue: number, file: string): boolean {
    return this.sent.get(`${issue}\0${file}`)?.batch.state === 'sent';
  }

  /**
   * The witness of issue `issue`'s change of `file` from `before` to `after`, if one is found for these very
   * texts. When its batch has not gone to a thread yet, the proof's thread (idle otherwise, waiting for the
   * pool) claims the batch: `undefined` for its files, which the proof aligns itself. At 50,000 files the
   * pool had 10 s of parsing left when planning ended, and the runner's thread waited 8.5 s of it.
   */
  witness(issue: number, file: string, before: string, after: string): Promise<RespeltWitness | null | undefined> | undefined {
    const sent = this.sent.get(`${issue}\0${file}`);
    if (!sent || sent.before !== before || sent.after !== after) return undefined;
    if (sent.batch.state === 'queued') {
      this.pending.splice(this.pending.indexOf(sent.batch), 1);
      sent.batch.state = 'claimed';
      sent.batch.settle(undefined);
    }
    // `undefined` when the thread failed: the proof then aligns the file itself.
    return sent.batch.state === 'claimed' ? undefined : sent.batch.answered.then((answer) => answer?.[sent.index]!.witness);
  }

  /**
   * The hunks of the patch of issue `issue`'s change of `file` from `before` to `after`, if a thread made
   * them for these very texts (the proof claimed no batch of it, and no formatter changed the texts since);
   * else `undefined`, and the patch is made on the runner's thread. Kept after {@link close}.
   */
  hunks(issue: number, file: string, before: string, after: string | null): string | undefined {
    const sent = this.sent.get(`${issue}\0${file}`);
    if (!sent || sent.before !== before || sent.after !== after) return undefined;
    return sent.batch.answer?.[sent.index]?.hunks;
  }

  async close(): Promise<void> {
    await this.piscina?.destroy();
  }

  private send(waiting: { options: TS.CompilerOptions; files: RespeltTask['files']; keys: string[] }): void {
    if (!this.piscina) {
      // Loaded only for a pool: most runs never start one.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Piscina } = require('piscina') as typeof import('piscina');
      this.piscina = new Piscina({ filename: WORKER, minThreads: this.threads, maxThreads: this.threads, concurrentTasksPerWorker: IN_FLIGHT });
    }
    const task: RespeltTask = { options: waiting.options, files: waiting.files.splice(0, BATCH) };
    const keys = waiting.keys.splice(0, BATCH);
    let settle!: Batch['settle'];
    const answered = new Promise<RespeltAnswer | undefined>((resolve) => (settle = resolve));
    const batch: Batch = { task, state: 'queued', answered, settle };
    task.files.forEach((f, k) => this.sent.set(keys[k]!, { before: f.before, after: f.after, batch, index: k }));
    this.pending.push(batch);
    this.pump();
  }

  /** Sends queued batches while the pool has fewer than {@link IN_FLIGHT} per thread. */
  private pump(): void {
    while (this.inFlight < this.threads * IN_FLIGHT && this.pending.length > 0) {
      const batch = this.pending.shift()!;
      batch.state = 'sent';
      this.inFlight++;
      // A thread that fails (out of memory, say) costs time, not the proof: its files are aligned on the runner's thread.
      (this.piscina!.run(batch.task) as Promise<RespeltAnswer>)
        .catch(() => undefined)
        .then((answer) => {
          this.inFlight--;
          batch.state = 'answered';
          batch.answer = answer;
          batch.settle(answer);
          this.pumpSafely();
        });
    }
  }

  private pumpSafely(): void {
    try {
      this.pump();
    } catch {
      // The pool is gone (closed, or it failed): what waits is claimed by the proof.
      this.state = 'off';
    }
  }
}

/** The options as they cross to a thread: without the parsed tsconfig TypeScript keeps on them. */
function plainOptions(options: TS.CompilerOptions): TS.CompilerOptions {
  const { configFile: _, ...plain } = options as TS.CompilerOptions & { configFile?: unknown };
  return plain;
}
