/**
 * The texts of a run's files as each step of the run sees them, so a transform reads another module through
 * the run (its text after the earlier issues), never from disk.
 *
 * A run is a list of steps: every migration of every issue, in config order. The runner plans file by file,
 * each through every step, so when a step planning file A asks for module B, B may not have been planned yet.
 * It then is, on demand, through the steps before the asking one, and what that produced is kept: when the
 * runner reaches B it takes the same outcomes rather than planning B again, so the text a reader saw is the
 * text the run writes. A read for step `s` only ever plans steps before `s`, so two files that read each
 * other cannot loop.
 */
import { mayMatch, type Prefilter } from '../files/prefilter';
import { readModuleText, readSource } from '../files/read';
import type { FileOutcome, Migration } from '../transform';

/** One step of a run: a migration of an issue, prepared. */
export interface PreparedMigration {
  transform: string;
  migration: Migration;
  prepared: unknown;
  /** The issue's position among the run's issues (0-based). */
  issue: number;
}

/** What one issue's migrations did to one file: every outcome in order, or the error that stopped them. */
export type IssuePlan = { outcomes: FileOutcome[]; before: string; after: string } | { error: unknown; before: string };

interface FileState {
  /** `texts[s]`: the text before step `s`, known for `s <= done`. */
  texts: string[];
  /** Steps planned so far. */
  done: number;
  /** Outcomes of the steps of the issue under way. */
  pending: FileOutcome[];
  /** Per issue, once all its steps ran on this file. */
  issues: IssuePlan[];
}

export interface RunTextsOptions {
  /** Whether the run plans this file (it is selected); other files are read from disk as they are. */
  inRun(file: string): boolean;
  /** The run's text pre-filter: a selected file it rejects is never changed. */
  filter(): Prefilter | undefined;
  maxFileSize: number;
  /** The run's selected files (absolute), listed on first need; see `TransformEnv.files`. */
  files?(): readonly string[];
  /** Every file of the repository (absolute), listed on first need; see `TransformEnv.repositoryFiles`. */
  repositoryFiles?(): readonly string[];
  /**
   * Every step plans the file as it is, and readers read files as they are (`check`, which reports each
   * reference at its real position; see `RunRequest.asIs`). Default: each step sees the earlier steps' text.
   */
  asIs?: boolean;
}

/** Texts before each step, planned on demand and memoised; see the module comment. */
export class RunTexts {
  /** Prepared steps in run order; a step is added once it is prepared, so a reader can only plan earlier ones. */
  readonly steps: PreparedMigration[] = [];
  private readonly states = new Map<string, FileState>();
  /** Selected files that never change (the filter rejects them): their text is the disk's. */
  private readonly fixed = new Map<string, string | undefined>();

  constructor(private readonly options: RunTextsOptions) {}

  /**
   * The reader for the step about to be prepared (the next one added to {@link steps}): another module's text
   * as that step sees it. `undefined` when the module does not exist or cannot be read.
   */
  /** Whether the run can list its selected files (see {@link files}). */
  get listsFiles(): boolean {
    return this.options.files !== undefined;
  }

  /** The run's selected files, listed on first need (see `TransformEnv.files`); empty when it cannot list them. */
  files(): readonly string[] {
    return this.options.files?.() ?? [];
  }

  /** Every file of the repository (see `TransformEnv.repositoryFiles`); the run's files when it cannot list them. */
  repositoryFiles(): readonly string[] {
    return this.options.repositoryFiles?.() ?? this.files();
  }

  /**
   * For the step about to be prepared: whether a file's text as that step sees it holds one of the needles
   * (see `TransformEnv.holds`). A file none of the earlier steps' pre-filters lets through is one they leave
   * as it is: its text on disk answers, and nothing of it is kept.
   */
  holderForNextStep(): (file: string, needles: readonly string[]) => boolean {
    const step = this.steps.length;
    let earlier: Array<Prefilter | undefined> | undefined;
    return (file, needles) => {
      const has = (text: string | undefined) => text !== undefined && needles.some((n) => text.includes(n));
      if (this.states.has(file) || this.fixed.has(file) || this.createdBefore(file, step) !== undefined) return has(this.textBefore(file, step));
      if (!this.options.inRun(file)) return has(readModuleText(file));
      const read = readSource(file, this.options.maxFileSize);
      // Too large or unreadable: the run never changes it.
      if (typeof read !== 'string') return has(readModuleText(file));
      earlier ??= this.steps.slice(0, step).map((s) => s.migration.prefilter?.(s.prepared));
      if (this.options.asIs || !earlier.some((f) => mayMatch(read, f))) return has(read);
      return has(this.textBefore(file, step, read));
    };
  }

  readerForNextStep(): (file: string) => string | undefined {
    const step = this.steps.length;
    return (file) => this.textBefore(file, step);
  }

  /**
   * The text of `file` before step `step` (after every earlier step). `text`: the file's text on disk, when
   * the caller has read it already (the runner planning custom transforms ahead).
   */
  textBefore(file: string, step: number, text?: string): string | undefined {
    const created = this.createdBefore(file, step);
    if (created !== undefined) return created;
    const state = this.stateOf(file, text);
    if (!state) return this.fixed.get(file);
    if (this.options.asIs) return state.texts[0];
    this.advance(file, state, step);
    return state.texts[step];
  }

  /**
   * Plans `file` (whose text on disk is `text`) through every step; what a reader already planned is reused.
   * Returns what each issue did; the memo of intermediate texts is kept for later readers only when the file
   * changed.
   */
  planAll(file: string, text: string): IssuePlan[] {
    const state = this.stateOf(file, text)!;
    this.advance(file, state, this.steps.length);
    const plans = state.issues;
    if (state.texts[state.done] === state.texts[0]) {
      this.states.delete(file);
      this.fixed.set(file, state.texts[0]);
    } else {
      // Readers need only the texts; the outcomes were handed over.
      state.issues = [];
    }
    return plans;
  }

  /** The file's state, created from `text` (or the disk) when it is a selected file the filter lets through. */
  private stateOf(file: string, text: string | undefined): FileState | undefined {
    const known = this.states.get(file);
    if (known) return known;
    if (this.fixed.has(file)) return undefined;
    let source = text;
    if (source === undefined) {
      if (!this.options.inRun(file)) {
        this.fixed.set(file, readModuleText(file));
        return undefined;
      }
      const read = readSource(file, this.options.maxFileSize);
      if (typeof read !== 'string' || !mayMatch(read, this.options.filter())) {
        this.fixed.set(file, typeof read === 'string' ? read : readModuleText(file));
        return undefined;
      }
      source = read;
    }
    const state: FileState = { texts: [source], done: 0, pending: [], issues: [] };
    this.states.set(file, state);
    return state;
  }

  /**
   * Runs the steps `state.done .. until-1` on the file. A step that throws fails its whole issue for this
   * file: the issue's remaining steps see, and the next issue starts from, the text before the issue.
   */
  private advance(file: string, state: FileState, until: number): void {
    while (state.done < until) {
      const s = state.done;
      const step = this.steps[s]!;
      const first = s === 0 || this.steps[s - 1]!.issue !== step.issue;
      const last = s === this.steps.length - 1 || this.steps[s + 1]!.issue !== step.issue;
      const issueStart = state.texts[this.firstStepOf(step.issue)]!;
      if (first) state.pending = [];
      const failed = state.issues[step.issue];
      let next: string;
      if (failed) {
        next = issueStart;
      } else {
        try {
          const outcome = step.migration.plan({ path: file, source: this.options.asIs ? state.texts[0]! : state.texts[s]! }, step.prepared);
          state.pending.push(outcome);
          next = outcome.source ?? state.texts[s]!;
        } catch (error) {
          state.issues[step.issue] = { error, before: issueStart };
          next = issueStart;
        }
      }
      state.texts[s + 1] = next;
      state.done = s + 1;
      if (last && !state.issues[step.issue]) state.issues[step.issue] = { outcomes: state.pending, before: issueStart, after: next };
    }
  }

  private firstStepOf(issue: number): number {
    return this.steps.findIndex((s) => s.issue === issue);
  }

  /** The text an earlier step's `creates` gives `file` (a scaffolded module), the latest first. */
  private createdBefore(file: string, step: number): string | undefined {
    for (let s = Math.min(step, this.steps.length) - 1; s >= 0; s--) {
      const { migration, prepared } = this.steps[s]!;
      const made = migration.creates?.(prepared).find((c) => c.file === file);
      if (made) return made.content;
    }
    return undefined;
  }
}
