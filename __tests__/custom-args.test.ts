/**
 * Ad hoc runs read the transform's flags as jscodeshift does: the same argument lists through jscodeshift's
 * own parser (src/argsParser.js, for the flags it does not know) give the same options.
 */
import { isCustomTransform } from '../src/custom/resolve';
import { splitTransformArgs, transformOptions } from '../src/custom/argv';
import { CUSTOM_TRANSFORM_PATTERN } from '../src/config/schema';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jscodeshiftArgs = require('jscodeshift/src/argsParser') as { options(spec: object): { parse(args: string[]): { options: Record<string, unknown>; positionalArguments: unknown[] } } };

describe('transform options from flags', () => {
  const cases: string[][] = [
    ['--level', 'info'],
    ['--level=info', '--retries', '3'],
    ['--moves', '[{"from":"a","to":"b"}]', '--aliases={"@a/":"src/"}'],
    ['--flag', '--other', 'x'],
    ['--no-semi', '--quote', 'single'],
    ['--tag', 'a', '--tag', 'b', '--tag=c'],
    ['--dry-run', '--x', 'true', '--n', 'null'],
    ['-v', '2', '--flag', '--flag2', '--last', '1'],
    ['--then', '--then', 'x'],
  ];
  it.each(cases)('%j reads as jscodeshift reads it', (...args) => {
    expect(transformOptions(args)).toEqual(jscodeshiftArgs.options({}).parse(args).options);
  });

  it('a flag last (jscodeshift stops with "Missing value") is true, --no-x is false', () => {
    expect(transformOptions(['--a', '1', '--strict'])).toEqual({ a: 1, strict: true });
    expect(transformOptions(['--no-strict'])).toEqual({ strict: false });
  });

  it("splits yargs' positionals into paths and the transform's flags, using what followed each flag on the command line", () => {
    const argv = ['run', '-t', 'x.js', '--level', 'info', 'src', '--write', '--flag', '--out', 'o', '--moves=[1]', 'lib', '--dry', '--json'];
    // yargs took -t, --write, --out and --json; it left the rest, in order.
    const positionals = ['--level', 'info', 'src', '--flag', '--moves=[1]', 'lib', '--dry'];
    expect(splitTransformArgs(argv, positionals)).toEqual({ paths: ['src', 'lib'], flags: ['--level', 'info', '--flag', '--moves=[1]', '--dry'] });
    // --flag was followed by --write (canonize's): a flag, so "src" stays a path.
    expect(splitTransformArgs(['run', '--flag', '--write', 'src'], ['--flag', 'src'])).toEqual({ paths: ['src'], flags: ['--flag'] });
  });
});

describe('custom transform names', () => {
  const custom = ['./codemods/x.js', '../x.ts', '/abs/x.mjs', '@scope/codemods/transforms/x', 'react-codemod/transforms/pure-component', 'pkg/x'];
  const builtIn = ['canonical-imports', 'clickhouse-client', 'nope', '@scope/pkg', '.hidden'];
  it('are told from built-in names alike by the runner and by the schema editors read', () => {
    const pattern = new RegExp(CUSTOM_TRANSFORM_PATTERN);
    for (const spec of custom) expect([spec, isCustomTransform(spec), pattern.test(spec)]).toEqual([spec, true, true]);
    for (const spec of builtIn) expect([spec, isCustomTransform(spec), pattern.test(spec)]).toEqual([spec, false, false]);
  });
});
