/**
 * `canonize/testing`: fixture tests for jscodeshift transforms, the same ones canonize runs on its own
 * transforms. In a jest (or vitest, with globals) test file:
 *
 * ```ts
 * import { describeTransform } from 'canonize/testing';
 * describeTransform({ transform: require.resolve('../codemods/rename-logger'), fixtures: `${__dirname}/../__testfixtures__/rename-logger` });
 * ```
 *
 * Each `<case>.input.<ext>` must become `<case>.output.<ext>` and the output must come back unchanged
 * (idempotence). The transform runs exactly as `canonize run` runs it: the same jscodeshift, the same parser
 * choice (the transform's `parser` export, else `options.parser`, else per file extension), the same options.
 * A case's `<case>.options.json` (over `_defaults.options.json`) holds the transform's options and, for the
 * test: `$file` (the path the transform sees, relative to the folder; default the input file), `$reports`
 * (the `api.report` messages expected) and `$stats` (the `api.stats` totals expected).
 */
import * as path from 'node:path';
import type { Options } from 'jscodeshift';
import { runTransform, type TransformRun } from '../custom/apply';
import { fromModule, loadTransform, type LoadedTransform } from '../custom/load';
import { readFixtures, transformOptionsOf, type FixtureCase, type FixtureRunner } from './fixtures';

export { readFixtures, runFixture, transformOptionsOf } from './fixtures';
export type { FixtureCase, FixtureResult, FixtureRunner, ReadFixturesOptions } from './fixtures';
export type { TransformRun } from '../custom/apply';

/** A transform: its module's path (absolute, or relative to the working directory) or the loaded module. */
export type TransformSource = string | object;

function load(transform: TransformSource): LoadedTransform {
  return typeof transform === 'string' ? loadTransform(path.resolve(transform)) : fromModule(transform, 'the transform module');
}

/**
 * Runs a jscodeshift transform on one file as `canonize run` does: the new text (`output`, `undefined` when
 * unchanged), and its `api.stats` and `api.report` calls. Rejects when the transform throws.
 */
export async function applyTransform(transform: TransformSource, file: { path: string; source: string }, options: Options = {}): Promise<TransformRun> {
  return runTransform(load(transform), file, options);
}

/** The test framework's globals (jest, or vitest with `globals: true`). */
interface TestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => unknown): void;
  expect(value: unknown): { toBe(expected: unknown): void; toEqual(expected: unknown): void; toBeUndefined(): void };
}

function globals(): TestGlobals {
  const g = globalThis as unknown as Partial<TestGlobals>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.expect !== 'function') {
    throw new Error('canonize/testing: describeTransform needs a test framework with describe, it and expect as globals (jest, or vitest with globals: true)');
  }
  return g as TestGlobals;
}

/** Checks a describe block runs on each case's outcome, besides "output as expected" and idempotence. */
export interface FixtureChecks<Outcome> {
  /** On the input's outcome. */
  input?(fixture: FixtureCase, outcome: Outcome): void;
  /** On the expected output's outcome (fed back in). */
  again?(fixture: FixtureCase, outcome: Outcome): void;
}

/**
 * A describe block per case of `cases`: "transforms the input into the output" (and, when the two are equal,
 * reports no change) and "is idempotent: the output comes back unchanged". The building block of
 * {@link describeTransform}; canonize's own transforms use it with their planning core.
 */
export function describeFixtures<Outcome extends { source: string | undefined }>(cases: FixtureCase[], runner: FixtureRunner<Outcome>, checks: FixtureChecks<Outcome> = {}): void {
  const { describe, it, expect } = globals();
  for (const fixture of cases) {
    describe(`${fixture.name}.input.${fixture.ext}`, () => {
      it('transforms the input into the output', async () => {
        const outcome = await runner.run(fixture, fixture.input);
        expect(outcome.source ?? fixture.input).toBe(fixture.expected);
        if (fixture.input === fixture.expected) expect(outcome.source).toBeUndefined();
        checks.input?.(fixture, outcome);
      });
      it('is idempotent: the output comes back unchanged', async () => {
        const outcome = await runner.run(fixture, fixture.expected);
        expect(outcome.source).toBeUndefined();
        checks.again?.(fixture, outcome);
      });
    });
  }
}

export interface DescribeTransformOptions {
  /** The transform: its module's path, or the module (`import * as transform from '../codemods/x'`). */
  transform: TransformSource;
  /** The folder of fixtures (absolute, or relative to the working directory). */
  fixtures: string;
  /** The describe block's name; default: the folder's name. */
  name?: string;
}

/** The outcome of a case under {@link describeTransform}. */
export interface TransformOutcome extends TransformRun {
  source: string | undefined;
}

/** Runs a jscodeshift transform over a fixture folder, with idempotence, as canonize's own fixture tests do. */
export function describeTransform(options: DescribeTransformOptions): void {
  const { describe, it, expect } = globals();
  const dir = path.resolve(options.fixtures);
  const cases = readFixtures(dir);
  describe(options.name ?? path.basename(dir), () => {
    it('has fixtures', () => expect(cases.length > 0).toBe(true));
    let loaded: LoadedTransform | undefined;
    const runner: FixtureRunner<TransformOutcome> = {
      async run(fixture, source) {
        loaded ??= load(options.transform);
        const file = typeof fixture.options.$file === 'string' ? path.join(dir, fixture.options.$file) : fixture.inputFile;
        const run = await runTransform(loaded, { path: file, source }, transformOptionsOf(fixture) as Options);
        return { ...run, source: run.output };
      },
    };
    describeFixtures(cases, runner, {
      input(fixture, outcome) {
        if (fixture.options.$reports !== undefined) expect(outcome.reports).toEqual(fixture.options.$reports);
        if (fixture.options.$stats !== undefined) expect(outcome.stats).toEqual(fixture.options.$stats);
      },
    });
  });
}
