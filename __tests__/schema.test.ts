/** The shipped JSON Schema stays in sync with the code, and editors' validators accept the example config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { configSchema } from '../src/config/schema';
import { transformNames } from '../src/registry';
import { parseConfig, bracketPath } from '../src/config/load';
import { ConfigErrors } from '../src/errors';
import { AJV_OPTIONS } from '../src/config/validators';

const REPO = path.join(__dirname, '..');

describe('canonize.schema.json', () => {
  it('equals the schema the code builds (regenerate with `canonize schema > canonize.schema.json`)', () => {
    expect(JSON.parse(fs.readFileSync(path.join(REPO, 'canonize.schema.json'), 'utf8'))).toEqual(configSchema());
  });

  it('accepts the bundled example config and rejects a misspelt option, as an editor would', () => {
    const validate = new Ajv({ strict: false }).compile(configSchema());
    const config = JSON.parse(fs.readFileSync(path.join(REPO, 'examples/acme-agents/canonize.config.json'), 'utf8'));
    expect(validate(config)).toBe(true);
    config.issues[0].migrations[0].options.movs = [];
    expect(validate(config)).toBe(false);
  });
});

describe('config paths', () => {
  it('are written in bracket notation', () => {
    const data = { issues: [{}, { migrations: [{ options: { moves: [{}, {}, { to: 1 }] } }] }] };
    expect(bracketPath('', '/issues/1/migrations/0/options/moves/2/to', data)).toBe('issues[1].migrations[0].options.moves[2].to');
  });

  it('collects every problem of a config in one error', () => {
    const text = JSON.stringify({ include: [], issues: [{ id: 'a b', migrations: [] }] });
    try {
      parseConfig(text, '/x/canonize.config.json');
      throw new Error('expected a config error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigErrors);
      expect((error as ConfigErrors).errors.map((e) => e.path).sort()).toEqual(['include', 'issues[0].id', 'issues[0].migrations']);
    }
  });
});

describe('the README', () => {
  it('lists exactly the registered transforms in its transform table', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| transform | what it does |'));
    const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(transformNames());
  });
});

describe('precompiled validators (validators.generated.js, written by `npm run build`)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const generated = require('../dist/src/config/validators.generated.js') as Record<string, ((data: unknown) => boolean) & { errors?: unknown }>;
  const runtime = (schema: object) => new Ajv(AJV_OPTIONS).compile(schema);
  const bad: Record<string, unknown[]> = {
    base: [{}, { issues: 'x' }, { issues: [{ id: '../x', migrations: [] }], extra: 1 }, { include: [], issues: [{ id: 'a', migrations: [{ transform: 1 }] }] }],
    'canonical-imports': [{}, { moves: [{ from: 1 }] }, { moves: [{ from: 'a', symbols: { X: { nam: 'Y' } } }], deleteUnusedShims: 'yes' }],
    'clickhouse-client': [{}, { canonical: 'src/db.ts', wrappers: [{ file: 1 }] }],
    'canonical-specifiers': [{ style: 'nope' }],
  };

  it('exist for the top level and every transform, built from the schemas the code has now', () => {
    expect(Object.keys(generated).filter((k) => typeof generated[k] === 'function').sort()).toEqual(['base', ...transformNames()].sort());
  });

  it('report exactly what ajv compiled at run time reports', () => {
    const schemas = generated.__schemas as unknown as Record<string, object>;
    for (const [name, inputs] of Object.entries(bad)) {
      const compiled = runtime(schemas[name]!);
      for (const input of inputs) {
        expect({ name, input, valid: generated[name]!(input), errors: generated[name]!.errors }).toEqual({ name, input, valid: compiled(input), errors: compiled.errors });
      }
    }
  });
});
