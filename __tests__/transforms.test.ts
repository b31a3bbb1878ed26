/**
 * Fixture tests of the built-in transforms, with the fixture runner canonize exports for everyone's
 * transforms (`canonize/testing`): each `__testfixtures__/<transform>/<case>.input.<ext>` must become
 * `<case>.output.<ext>`, and the output, fed back in, must come out unchanged (idempotence).
 *
 * Per case, `<case>.options.json` holds the transform's options (over `_defaults.options.json`, then the
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
import { describeFixtures, readFixtures, transformOptionsOf, type FixtureCase } from '../src/testing';
import { readModuleFromDisk, type FileOutcome } from '../src/transform';

const FIXTURES = path.join(__dirname, '..', '__testfixtures__');
/** Transforms whose every changing fixture must say what each rewrite is, not only that there were some. */
const REWRITES_REQUIRED = new Set(['clickhouse-client', 'drop-baseurl']);

interface Expectations {
  $project?: string;
  $file?: string;
  $expectManual?: Array<{ line: number; reason: string }>;
  $expectNotes?: Array<{ line: number; text: string }>;
  $expectRewrites?: Array<{ line: number; kind: string; from: string; to: string; target: string }>;
}

for (const transform of fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory())) {
  const dir = path.join(FIXTURES, transform);
  const cases = readFixtures(dir, { layers: (own) => [path.join((own.$project as string | undefined) ?? '_project', '_options.json')] });

  describe(transform, () => {
    const migration = loadMigration(transform);

    it('is a registered transform with fixtures', () => {
      expect(migration).toBeDefined();
      expect(cases.length).toBeGreaterThan(0);
    });

    const plan = (fixture: FixtureCase, source: string): FileOutcome => {
      const { $project = '_project', $file } = fixture.options as Expectations;
      const rootDir = path.join(dir, $project);
      const resolver = new ModuleResolver({ tsconfigs: [path.join(rootDir, 'tsconfig.json')], rootDir });
      const env = { rootDir, resolver, configFile: `${fixture.name}.options.json`, readModule: readModuleFromDisk };
      const prepared = migration!.prepare(transformOptionsOf(fixture), env, 'options');
      return migration!.plan({ path: path.join(rootDir, $file ?? `src/app/${fixture.name}.${fixture.ext}`), source }, prepared);
    };

    describeFixtures(cases, { run: plan }, {
      input(fixture, outcome) {
        const { $expectManual = [], $expectNotes = [], $expectRewrites } = fixture.options as Expectations;
        if (fixture.input !== fixture.expected) expect(outcome.rewrites.length).toBeGreaterThan(0);
        expect(outcome.manual.map((m) => m.line)).toEqual($expectManual.map((m) => m.line));
        outcome.manual.forEach((m, i) => expect(m.reason).toContain($expectManual[i]!.reason));
        expect((outcome.notes ?? []).map((n) => n.line)).toEqual($expectNotes.map((n) => n.line));
        (outcome.notes ?? []).forEach((n, i) => expect(n.text).toContain($expectNotes[i]!.text));
        if (REWRITES_REQUIRED.has(transform) && fixture.input !== fixture.expected) expect($expectRewrites).toBeDefined();
        if ($expectRewrites) expect(outcome.rewrites.map(({ line, kind, from, to, target }) => ({ line, kind, from, to, target }))).toEqual($expectRewrites);
      },
      again(_fixture, outcome) {
        expect(outcome.rewrites).toEqual([]);
      },
    });
  });
}
