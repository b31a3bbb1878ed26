/**
 * Fixture folders, as canonize's own transforms are tested and as a team's codemods can be: in a folder per
 * transform, `<case>.input.<ext>` must become `<case>.output.<ext>` (`.tsx` where the case has JSX), and the
 * output, fed back in, must come out unchanged. A case's options are `_defaults.options.json` merged with
 * `<case>.options.json`; keys starting with `$` are for the test, not the transform. Cases are found by
 * reading the folder, never from a hand-kept list. Pure apart from reading the folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FixtureCase {
  /** The case's name: `<name>.input.<ext>`. */
  name: string;
  /** The extension of its input and output (`ts`, `tsx`, `js`…). */
  ext: string;
  /** Absolute path of the input file. */
  inputFile: string;
  input: string;
  expected: string;
  /** The merged options, `$` keys included. */
  options: Record<string, unknown>;
}

export interface ReadFixturesOptions {
  /**
   * More option files (paths relative to the folder) applied between `_defaults.options.json` and the case's
   * own, given the case's own options; a missing file is skipped.
   */
  layers?: (own: Record<string, unknown>) => string[];
}

/** The cases of a fixture folder, sorted by name. Throws when an input has no output beside it. */
export function readFixtures(dir: string, options: ReadFixturesOptions = {}): FixtureCase[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.input\.[a-z]+$/.test(f))
    .sort()
    .map((inputName) => {
      const [name, ext] = inputName.split(/\.input\./) as [string, string];
      const outputFile = path.join(dir, `${name}.output.${ext}`);
      if (!fs.existsSync(outputFile)) throw new Error(`fixture ${path.join(dir, inputName)} has no expected output: expected ${outputFile}`);
      const own = readJson(path.join(dir, `${name}.options.json`));
      const layers = (options.layers?.(own) ?? []).map((file) => readJson(path.join(dir, file)));
      return {
        name,
        ext,
        inputFile: path.join(dir, inputName),
        input: fs.readFileSync(path.join(dir, inputName), 'utf8'),
        expected: fs.readFileSync(outputFile, 'utf8'),
        options: Object.assign({}, readJson(path.join(dir, '_defaults.options.json')), ...layers, own) as Record<string, unknown>,
      };
    });
}

/** The options a transform receives: the case's options without the test's `$` keys. */
export function transformOptionsOf(fixture: FixtureCase): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fixture.options).filter(([key]) => !key.startsWith('$')));
}

function readJson(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** How one case is run: the new text (`undefined` when unchanged) plus whatever the runner's checks read. */
export interface FixtureRunner<Outcome extends { source: string | undefined }> {
  run(fixture: FixtureCase, source: string): Outcome | Promise<Outcome>;
}

/** One case, run on its input and then on its expected output. */
export interface FixtureResult<Outcome> {
  /** The input's outcome and the text it gives (the input itself when unchanged). */
  first: Outcome;
  output: string;
  /** The expected output's outcome: an idempotent transform leaves it unchanged (`source` is `undefined`). */
  again: Outcome;
}

/** Runs a case: the input, then the expected output fed back in. */
export async function runFixture<Outcome extends { source: string | undefined }>(fixture: FixtureCase, runner: FixtureRunner<Outcome>): Promise<FixtureResult<Outcome>> {
  const first = await runner.run(fixture, fixture.input);
  const again = await runner.run(fixture, fixture.expected);
  return { first, output: first.source ?? fixture.input, again };
}
