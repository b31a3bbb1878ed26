/**
 * Fixture tests, found by reading `__testfixtures__/<transform>/`: each `<case>.input.<ext>` must become
 * `<case>.output.<ext>`, and the output, fed back in, must come out unchanged (idempotence).
 *
 * Per case, `<case>.options.json` holds the transform's options (default: `_defaults.options.json`, then the
 * project's `_options.json` when it has one) plus:
 * `$project` (the fixture project folder, default `_project`), `$file` (where the case sits in it,
 * default `src/app/<case>.<ext>`), `$expectManual` (violations left for a human: line and part of the reason),
 * `$expectNotes` (notes for the reviewer: line and part of the text), `$expectRewrites` (every rewrite, in
 * order: line, kind, from, to and target).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadMigration } from '../src/registry';
import { ModuleResolver } from '../src/resolve/resolver';
import { readModuleFromDisk } from '../src/transform';

const FIXTURES = path.join(__dirname, '..', '__testfixtures__');
/** Transforms whose every changing fixture must say what each rewrite is, not only that there were some. */
const REWRITES_REQUIRED = new Set(['clickhouse-client', 'drop-baseurl']);

interface CaseOptions {
  $project?: string;
  $file?: string;
  $expectManual?: Array<{ line: number; reason: string }>;
  $expectNotes?: Array<{ line: number; text: string }>;
  $expectRewrites?: Array<{ line: number; kind: string; from: string; to: string; target: string }>;
  [option: string]: unknown;
}

function readJson(file: string): CaseOptions {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CaseOptions) : {};
}

for (const transform of fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory())) {
  const dir = path.join(FIXTURES, transform);
  const cases = fs.readdirSync(dir).filter((f) => /\.input\.[a-z]+$/.test(f));

  describe(transform, () => {
    const migration = loadMigration(transform);

    it('is a registered transform with fixtures', () => {
      expect(migration).toBeDefined();
      expect(cases.length).toBeGreaterThan(0);
    });

    describe.each(cases)('%s', (inputName) => {
      const [name, ext] = inputName.split(/\.input\./) as [string, string];
      const input = fs.readFileSync(path.join(dir, inputName), 'utf8');
      const expected = fs.readFileSync(path.join(dir, `${name}.output.${ext}`), 'utf8');
      const ownOptions = readJson(path.join(dir, `${name}.options.json`));
      const { $project = '_project', $file, $expectManual = [], $expectNotes = [], $expectRewrites, ...caseOptions } = {
        ...readJson(path.join(dir, '_defaults.options.json')),
        ...readJson(path.join(dir, ownOptions.$project ?? '_project', '_options.json')),
        ...ownOptions,
      };
      const rootDir = path.join(dir, $project);
      const file = path.join(rootDir, $file ?? `src/app/${name}.${ext}`);
      const plan = () => {
        const resolver = new ModuleResolver({ tsconfigs: [path.join(rootDir, 'tsconfig.json')], rootDir });
        const prepared = migration!.prepare(caseOptions, { rootDir, resolver, configFile: `${name}.options.json`, readModule: readModuleFromDisk }, 'options');
        return (source: string) => migration!.plan({ path: file, source }, prepared);
      };

      it('transforms the input into the output', () => {
        const outcome = plan()(input);
        expect(outcome.source ?? input).toBe(expected);
        if (input === expected) expect(outcome.source).toBeUndefined();
        else expect(outcome.rewrites.length).toBeGreaterThan(0);
        expect(outcome.manual.map((m) => m.line)).toEqual($expectManual.map((m) => m.line));
        outcome.manual.forEach((m, i) => expect(m.reason).toContain($expectManual[i]!.reason));
        expect((outcome.notes ?? []).map((n) => n.line)).toEqual($expectNotes.map((n) => n.line));
        (outcome.notes ?? []).forEach((n, i) => expect(n.text).toContain($expectNotes[i]!.text));
        if (REWRITES_REQUIRED.has(transform) && input !== expected) expect($expectRewrites).toBeDefined();
        if ($expectRewrites) expect(outcome.rewrites.map(({ line, kind, from, to, target }) => ({ line, kind, from, to, target }))).toEqual($expectRewrites);
      });

      it('is idempotent: the output comes back unchanged', () => {
        const outcome = plan()(expected);
        expect(outcome.source).toBeUndefined();
        expect(outcome.rewrites).toEqual([]);
      });
    });
  });
}
