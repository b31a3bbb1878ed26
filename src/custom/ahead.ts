/**
 * Planning custom transforms ahead of the runner. The runner records file by file, synchronously, each file
 * through every step of the run in config order (src/plan/texts.ts). A jscodeshift transform is slow (it
 * parses and prints every file it is given, usually without a text filter) and may be `async`; so as files
 * arrive, each custom step's outcome is planned ahead, on a worker pool once the run is large enough (see
 * pool.ts) and else on this thread, and the step's `plan` takes it when the runner reaches the file.
 *
 * The input of a custom step is exact: the run's own text of the file before that step (built-in steps
 * before it run here, through the run's texts, which keep what they planned). When the run measures what is
 * left in a changed file, that second pass is planned ahead the same way. An outcome is only ever taken for
 * exactly the text it was planned for.
 */
import type { PreparedMigration, RunTexts } from '../plan/texts';
import { isCustomPrepared, planAheadOnce, type AheadResult, type CustomPrepared } from './migration';
import { poolPlanner } from './pool';

/** The custom steps of a run, as a worker rebuilds them. */
export interface CustomStepSpec {
  spec: string;
  file: string;
  options: Record<string, unknown>;
}

export interface PlanAhead {
  /** Plans the custom steps of `file` (read as `text`) ahead; never rejects. */
  plan(file: string, text: string): Promise<void>;
  /** Forgets what was planned ahead for `file` (the runner has recorded it). */
  release(file: string): void;
  /** Stops the pool, if one started. */
  close(): Promise<void>;
}

/**
 * Planning ahead for the run's steps (`texts.steps`), or `undefined` when none is a custom transform.
 * `countAfter`: the run plans a changed file again to measure what is left.
 */
export function planAhead(texts: RunTexts, options: { countAfter: boolean }): PlanAhead | undefined {
  const steps = texts.steps;
  const custom = steps.flatMap((step, index) => (isCustomPrepared(step.prepared) ? [{ index, prepared: step.prepared }] : []));
  if (custom.length === 0) return undefined;
  const pool = poolPlanner(custom.map(({ prepared }) => ({ spec: prepared.spec, file: prepared.transform.file, options: prepared.options })));
  let planned = 0;

  /** One custom step (by its position among the custom steps) on one text, stored for the runner. */
  const once = async (k: number, file: string, input: string): Promise<AheadResult> => {
    const { prepared } = custom[k]!;
    const known = prepared.ahead.get(file)?.find((entry) => entry.input === input);
    if (known) return known.result;
    const onPool = pool?.poolFor(planned);
    const result = onPool ? await onPool.plan(k, { path: file, source: input }) : await planAheadOnce({ path: file, source: input }, prepared);
    remember(prepared, file, input, result);
    return result;
  };

  /** The second pass over a changed issue's text, as the runner makes it (src/plan/run.ts, recordFile). */
  const again = async (file: string, issue: number, text: string) => {
    let current = text;
    for (const [index, step] of steps.entries()) {
      if (step.issue !== issue) continue;
      const k = custom.findIndex((c) => c.index === index);
      const result = k >= 0 ? await once(k, file, current) : planHere(step, file, current);
      if ('error' in result) return;
      current = result.outcome.source ?? current;
    }
  };

  return {
    async plan(file, text) {
      planned++;
      try {
        for (const [k, { index }] of custom.entries()) {
          const input = texts.textBefore(file, index, text);
          if (input === undefined) return;
          await once(k, file, input);
        }
        if (!options.countAfter) return;
        for (const issue of new Set(custom.map((c) => steps[c.index]!.issue))) {
          const first = steps.findIndex((s) => s.issue === issue);
          const last = steps.length - 1 - [...steps].reverse().findIndex((s) => s.issue === issue);
          const [before, after] = [texts.textBefore(file, first, text), texts.textBefore(file, last + 1, text)];
          if (before !== undefined && after !== undefined && after !== before) await again(file, issue, after);
        }
      } catch {
        // Nothing more planned ahead (the pool stopped, a step threw outside a transform): the runner's
        // own planning meets the same case and reports it.
      }
    },
    release(file) {
      for (const { prepared } of custom) prepared.ahead.delete(file);
    },
    close: async () => pool?.close(),
  };
}

function remember(prepared: CustomPrepared, file: string, input: string, result: AheadResult): void {
  const list = prepared.ahead.get(file) ?? [];
  list.push({ input, result });
  prepared.ahead.set(file, list);
}

function planHere(step: PreparedMigration, file: string, source: string): AheadResult {
  try {
    return { outcome: step.migration.plan({ path: file, source }, step.prepared) };
  } catch (error) {
    return { error };
  }
}
