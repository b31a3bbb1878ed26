/**
 * `canonize/testing`, the fixture runner canonize exports for a team's own jscodeshift transforms: the same
 * runner canonize's own fixture tests use (see transforms.test.ts), here on transforms written for the tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyTransform, describeTransform, readFixtures, runFixture, type TransformOutcome } from '../src/testing';
import * as renameLogger from './support/codemods/rename-logger';
import { REPO } from './support/project';

const CODEMODS = path.join(__dirname, 'support', 'codemods');

// The transform as a module, as a team's TypeScript test imports it.
describeTransform({ transform: renameLogger, fixtures: path.join(CODEMODS, '__testfixtures__', 'rename-logger') });

describe('the fixture runner', () => {
  it('runs a transform given by its path as canonize run does: parser per extension, stats and reports', async () => {
    const file = { path: '/x/view.tsx', source: "import log from 'old-logger';\n// TODO\nexport const V = () => <b>{log.warn('x')}</b>;\n" };
    const result = await applyTransform(path.join(CODEMODS, 'rename-logger.ts'), file, { to: '@a/log' });
    expect(result).toEqual({
      output: "import log from \"@a/log\";\n// TODO\nexport const V = () => <b>{log.warning('x')}</b>;\n",
      stats: { 'imports moved': 1, 'calls renamed': 1 },
      reports: ['still has a TODO'],
    });
    expect((await applyTransform(path.join(CODEMODS, 'rename-logger.ts'), { path: '/x/a.ts', source: 'const a = 1;\n' })).output).toBeUndefined();
  });

  it('tells a transform that is not idempotent: its expected output comes back changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-fixtures-'));
    try {
      fs.writeFileSync(path.join(dir, 'mark.input.js'), 'a();\n');
      fs.writeFileSync(path.join(dir, 'mark.output.js'), '// reviewed\na();\n');
      const [fixture] = readFixtures(dir);
      // Marks every file, even one already marked.
      const mark = { default: (file: { source: string }) => `// reviewed\n${file.source}` };
      const result = await runFixture<TransformOutcome>(fixture!, {
        run: async (_fixture, source) => {
          const run = await applyTransform(mark, { path: fixture!.inputFile, source });
          return { ...run, source: run.output };
        },
      });
      expect(result.output).toBe(fixture!.expected);
      expect(result.again.source).toBe('// reviewed\n// reviewed\na();\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a fixture without its expected output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-fixtures-'));
    try {
      fs.writeFileSync(path.join(dir, 'lonely.input.ts'), 'a();\n');
      expect(() => readFixtures(dir)).toThrow(`fixture ${path.join(dir, 'lonely.input.ts')} has no expected output: expected ${path.join(dir, 'lonely.output.ts')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what `canonize/testing` resolves to, through the package exports', () => {
    const script = "const t = require('canonize/testing'); console.log(typeof t.describeTransform, typeof t.applyTransform, typeof t.readFixtures, require.resolve('canonize/testing'))";
    const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`function function function ${path.join(REPO, 'dist', 'src', 'testing', 'index.js')}`);
  });
});
