/** `canonize discover` end to end: each finding kind, both formats, and a proposal that removes what it found. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, EXAMPLE, makeRepo, removeRepo, typecheck } from './support/project';

let root: string;
afterEach(() => removeRepo(root));

function discoverJson(cwd: string, ...args: string[]) {
  const result = canonize(cwd, 'discover', '--format', 'json', ...args);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { findings: Array<Record<string, any>>; filesRead: number };
}

describe('on the bundled example (no config)', () => {
  let project: string;
  beforeEach(() => {
    ({ root, project } = makeRepo({ source: EXAMPLE }));
    fs.rmSync(path.join(project, 'canonize.config.json'));
  });

  it('finds the shim, the diverged copy and the spellings, largest first', () => {
    const { findings } = discoverJson(project);
    const refs = findings.map((f) => f.references);
    expect(refs).toEqual([...refs].sort((a, b) => b - a));
    expect(findings[0]).toEqual({
      kind: 'shim',
      module: 'src/legacy/engine.ts',
      references: 16,
      why: 're-exports only',
      forwardsTo: ['src/agents/execution-engine.ts'],
      importers: expect.arrayContaining([{ path: 'src/__tests__/planner.test.ts', line: 4 }]),
    });
    expect(findings).toContainEqual({
      kind: 'spellings',
      module: 'src/legacy/engine.ts',
      references: 16,
      spellings: [
        { specifier: '../legacy/engine', style: 'relative', count: 12 },
        { specifier: '@/legacy/engine', style: 'alias @/*', count: 3 },
        { specifier: 'legacy/engine', style: 'baseUrl', count: 1 },
      ],
      suggestedStyle: 'relative-below, extension none, index drop',
      // The relative ones from other folders and the baseUrl one: `../legacy/engine` from `src/legacy/` stays.
      toRewrite: 13,
    });
    expect(findings).toContainEqual({
      kind: 'copies',
      modules: ['src/lib/format.ts', 'src/utils/format.ts'],
      references: 3,
      similarity: 0.94,
      exports: ['formatBytes', 'formatDuration'],
    });
    // Barrels re-export several modules on purpose: not shims. Nor is the old package's index, which its
    // package.json names ("main"): an entry point.
    expect(findings.filter((f) => f.kind === 'shim').map((f) => f.module)).toEqual(['src/legacy/engine.ts', 'packages/old-utils/src/strings.ts', 'src/legacy/queues.ts']);
    // A deprecated module with code of its own is not a shim: its symbols must move.
    expect(findings).toContainEqual({ kind: 'deprecated', module: 'src/legacy/tasks.ts', references: 1, importers: [{ path: 'src/services/tasks.ts', line: 1 }] });
  });

  it('prints text for people', () => {
    const result = canonize(project, 'discover');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}1\. shim src\/legacy\/engine\.ts \(16 references\): re-exports only; forwards to src\/agents\/execution-engine\.ts$/m);
    expect(result.stdout).toContain('copies src/lib/format.ts ~ src/utils/format.ts (3 references): 94% the same, both export formatBytes, formatDuration');
    expect(result.stdout).toMatch(/^ +12 {2}\.\.\/legacy\/engine {2}\(relative\)$/m);
    // One reference is "1 reference", and a deprecated module with code of its own is not described as a shim.
    expect(result.stdout).toMatch(/^ +\d+\. deprecated src\/legacy\/tasks\.ts \(1 reference\): marked @deprecated, with code of its own; move the symbols/m);
    expect(result.stdout).not.toMatch(/shim src\/legacy\/tasks\.ts/);
    expect(result.stdout).not.toMatch(/\b1 references\b/);
  });

  it('--emit-config points $schema at the schema of the canonize the project has installed', () => {
    const installed = path.join(root, 'node_modules', 'canonize');
    fs.mkdirSync(installed, { recursive: true });
    fs.copyFileSync(path.join(__dirname, '..', 'canonize.schema.json'), path.join(installed, 'canonize.schema.json'));
    const emitted = canonize(project, 'discover', '--emit-config');
    expect(emitted.status).toBe(0);
    const proposal = JSON.parse(emitted.stdout);
    // Relative to the config's folder, as an editor resolves it, and the file is there.
    expect(proposal.$schema).toBe('../node_modules/canonize/canonize.schema.json');
    expect(fs.existsSync(path.resolve(project, proposal.$schema))).toBe(true);
  });

  it('--emit-config proposes a config that, run with --write, removes the shims and copies it found and still type-checks', () => {
    // As a user writes it: `canonize discover --emit-config > canonize.config.json` creates the file first.
    fs.writeFileSync(path.join(project, 'canonize.config.json'), '');
    const emitted = canonize(project, 'discover', '--emit-config');
    expect(emitted.stderr).not.toContain('invalid config');
    expect(emitted.status).toBe(0);
    const proposal = JSON.parse(emitted.stdout);
    // The example still sets baseUrl "src": the last issue retires it (TypeScript 6 deprecates it).
    expect(proposal.issues.map((i: { id: string }) => i.id)).toEqual(['retire-shims', 'merge-copies', 'one-spelling', 'clickhouse-clients', 'drop-baseurl']);
    expect(proposal.issues[4].migrations).toEqual([{ transform: 'drop-baseurl', options: { prefer: 'alias' } }]);
    expect(proposal.issues[3].migrations[0]).toEqual({
      transform: 'clickhouse-client',
      options: {
        canonical: 'src/db/clickhouse.ts',
        export: 'clickhouse',
        wrappers: [
          { module: 'src/lib/clickhouse-service.ts', export: 'ClickHouseService', methods: { select: 'query', insertRows: 'insert' } },
          { module: 'src/lib/get-client.ts', export: 'getClickHouseClient' },
        ],
      },
    });
    // The rule that rewrites the fewest references, scoped to the fragmented modules and to the modules the
    // moves point references at; the old package's folder uses no alias at run time and stays relative.
    expect(proposal.issues[2].migrations[0]).toEqual({
      transform: 'canonical-specifiers',
      options: {
        style: 'relative-below',
        extension: 'none',
        index: 'drop',
        files: ['packages/utils/src/strings.ts', 'src/agents/execution-engine.ts', 'src/legacy/engine.ts', 'src/lib/format.ts', 'src/models/job.ts', 'src/workers/job-queue.ts'],
        overrides: [{ importers: ['packages/**'], style: 'relative' }],
      },
    });
    // canonize is not installed in the project (it runs through npx): no $schema pointing at nothing.
    expect(proposal.$schema).toBeUndefined();
    fs.writeFileSync(path.join(project, 'canonize.config.json'), emitted.stdout);
    const run = canonize(project, 'run', '--write', '--allow-dirty');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^retire-shims: .* \(1 left for a human\)$/m);
    // What is left is what run listed for a human (the `declare module` augmentation of the shim) and a
    // deprecated module with code of its own, which needs symbol-level moves that discover does not propose.
    // The ClickHouse duplicates are gone too: one client is left, which is the goal, not a finding.
    const after = discoverJson(project).findings;
    // No spelling finding is left: the moves' new references were respelled by one-spelling too.
    expect(after).toEqual([
      { kind: 'deprecated', module: 'src/legacy/tasks.ts', references: 1, importers: [{ path: 'src/services/tasks.ts', line: 1 }] },
      expect.objectContaining({ kind: 'shim', module: 'src/legacy/engine.ts', importers: [{ path: 'src/types/engine-augment.ts', line: 4 }] }),
    ]);
    expect(typecheck(project)).toEqual({ status: 0, output: '' });
  });
});

it('finds duplicate ClickHouse clients, wrappers and getters, per file', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'src/db/inline.ts': "import { createClient } from '@clickhouse/client';\nexport const ch = createClient({ url: process.env.CH_URL });\n",
      'src/legacy/old.ts': "const { ClickHouse } = require('clickhouse');\nexport const old = new ClickHouse({ url: 'http://localhost' });\n",
      'src/lib/service.ts':
        "import { createClient, type ClickHouseClient } from '@clickhouse/client';\n\nexport class ClickHouseService {\n  private client: ClickHouseClient = createClient({});\n  select(q: string) { return this.client.query({ query: q }); }\n}\n\nexport function getClickHouseClient(): ClickHouseClient {\n  return createClient({});\n}\n",
      'src/use.ts': "import { ClickHouseService } from './lib/service';\nexport const s = new ClickHouseService();\n",
      // Not wrappers: a REST client and a logger in a file that builds a client; a client per connection.
      'src/lib/connections.ts': [
        "import { createClient, type ClickHouseClient } from '@clickhouse/client';",
        'export class ApiClient {',
        "  constructor(private readonly base: string) {}",
        "  headers() { return this.getCookieHeader().join('; '); }",
        "  getCookieHeader() { return [this.base]; }",
        '}',
        'export class Logger {',
        '  log(message: string) { return console.log(message); }',
        '}',
        'export class TenantClient {',
        '  private readonly client: ClickHouseClient;',
        '  constructor(connection: { host: string; password: string }) {',
        '    this.client = createClient({ url: connection.host, password: connection.password });',
        '  }',
        '  query(sql: string) { return this.client.query({ query: sql }); }',
        '}',
        '',
      ].join('\n'),
      // A web client is its own kind: listed, never proposed onto the Node client.
      'src/browser/ch.ts': "import { createClient } from '@clickhouse/client-web';\nexport const web = createClient({ url: '/ch' });\n",
    },
  }));
  const { findings } = discoverJson(root);
  expect(findings).toEqual([
    {
      kind: 'clickhouse',
      module: 'src/lib/service.ts',
      references: 3,
      constructions: [
        { path: 'src/lib/service.ts', line: 4, what: 'createClient() from @clickhouse/client' },
        { path: 'src/lib/service.ts', line: 9, what: 'createClient() from @clickhouse/client' },
      ],
      wrappers: [
        { path: 'src/lib/service.ts', line: 3, what: 'class ClickHouseService', methods: { select: 'query' } },
        { path: 'src/lib/service.ts', line: 8, what: 'getter getClickHouseClient' },
      ],
      package: '',
    },
    { kind: 'clickhouse', module: 'src/browser/ch.ts', references: 1, constructions: [{ path: 'src/browser/ch.ts', line: 2, what: 'createClient() from @clickhouse/client-web', web: true }], wrappers: [], package: '' },
    { kind: 'clickhouse', module: 'src/db/inline.ts', references: 1, constructions: [{ path: 'src/db/inline.ts', line: 2, what: 'createClient() from @clickhouse/client' }], wrappers: [], package: '', client: 'ch' },
    { kind: 'clickhouse', module: 'src/legacy/old.ts', references: 1, constructions: [{ path: 'src/legacy/old.ts', line: 2, what: 'new ClickHouse() from clickhouse' }], wrappers: [], package: '' },
    {
      kind: 'clickhouse',
      module: 'src/lib/connections.ts',
      references: 1,
      constructions: [{ path: 'src/lib/connections.ts', line: 13, what: 'createClient() from @clickhouse/client', perConnection: true }],
      wrappers: [{ path: 'src/lib/connections.ts', line: 10, what: 'class TenantClient', perConnection: true }],
      package: '',
    },
  ]);
  // --emit-config proposes the module that exports a client as canonical, and the class and getter as wrappers.
  const proposal = JSON.parse(canonize(root, 'discover', '--emit-config').stdout);
  expect(proposal.issues.find((i: { id: string }) => i.id === 'clickhouse-clients').migrations).toEqual([
    {
      transform: 'clickhouse-client',
      options: {
        canonical: 'src/db/inline.ts',
        export: 'ch',
        wrappers: [
          { module: 'src/lib/service.ts', export: 'ClickHouseService', methods: { select: 'query' } },
          { module: 'src/lib/service.ts', export: 'getClickHouseClient' },
        ],
      },
    },
  ]);
});

it('never proposes clients built inside functions that are no wrappers (the transform leaves them)', () => {
  // hyperdx's common-utils: each integration test builds its own client in a hook; none is a duplicate to merge.
  const hook = (name: string) => [
    "import { createClient, type ClickHouseClient } from '@clickhouse/client';",
    'let client: ClickHouseClient;',
    'export function setUp(): void {',
    '  client = createClient({ url: process.env.CLICKHOUSE_HOST });',
    '}',
    `export const ${name} = () => client;`,
    '',
  ].join('\n');
  ({ root } = makeRepo({ subdir: '.', files: { 'src/a.int.test.ts': hook('a'), 'src/b.int.test.ts': hook('b') } }));
  const { findings } = discoverJson(root);
  expect(findings.map((f) => [f.module, f.constructions])).toEqual([
    ['src/a.int.test.ts', [{ path: 'src/a.int.test.ts', line: 4, what: 'createClient() from @clickhouse/client', unwrapped: true }]],
    ['src/b.int.test.ts', [{ path: 'src/b.int.test.ts', line: 4, what: 'createClient() from @clickhouse/client', unwrapped: true }]],
  ]);
  expect(canonize(root, 'discover').stdout).toContain('src/a.int.test.ts:4 createClient() from @clickhouse/client (built inside a function that is no wrapper: left by clickhouse-client, never proposed)');
  const proposal = JSON.parse(canonize(root, 'discover', '--emit-config').stdout);
  expect(proposal.issues.map((i: { id: string }) => i.id)).not.toContain('clickhouse-clients');
});

it('counts jest moduleNameMapper spellings as spellings of the same file', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'package.json': JSON.stringify({ name: 'app', jest: { moduleNameMapper: { '^~/(.*)$': '<rootDir>/src/$1' } } }),
      'src/lib/util.ts': 'export const u = 1;\n',
      'src/a.ts': "import { u } from './lib/util';\nexport const a = u;\n",
      'src/a.test.ts': "import { u } from '~/lib/util';\njest.mock('~/lib/util');\n",
    },
  }));
  const { findings } = discoverJson(root);
  expect(findings).toEqual([
    {
      kind: 'spellings',
      module: 'src/lib/util.ts',
      references: 3,
      spellings: [
        { specifier: '~/lib/util', style: 'jest moduleNameMapper ^~/(.*)$', count: 2 },
        { specifier: './lib/util', style: 'relative', count: 1 },
      ],
      suggestedStyle: 'relative, extension none, index drop',
      // TypeScript does not resolve `~/lib/util`: canonical-specifiers cannot respell it, a person can.
      toRewrite: 0,
      byHand: 2,
    },
  ]);
  // Nothing canonize can rewrite, so no one-spelling issue is proposed.
  expect(JSON.parse(canonize(root, 'discover', '--emit-config').stdout).issues).toEqual([]);
});

it('exits 2 for a config that does not exist', () => {
  ({ root } = makeRepo({ subdir: '.', files: { 'src/a.ts': 'export const a = 1;\n' } }));
  const result = canonize(root, 'discover', '--config', 'nope.json');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/nope\.json: no such file/);
});

it('reports nothing for a tidy project', () => {
  ({ root } = makeRepo({ subdir: '.', files: { 'src/a.ts': "import { b } from './b';\nexport const a = b;\n", 'src/b.ts': 'export const b = 1;\n' } }));
  const result = canonize(root, 'discover');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^0 findings, largest first; 2 files read/m);
});

it('in a monorepo, proposes the canonical ClickHouse module inside the package that uses it, and a workspace package named clickhouse is not the old client', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, paths: { clickhouse: ['./packages/clickhouse/src/index.ts'] } } }),
      'packages/clickhouse/package.json': JSON.stringify({ name: 'clickhouse' }),
      // The workspace package exports its own `ClickHouse` helper: not the old npm package's client.
      'packages/clickhouse/src/index.ts': 'export class ClickHouse {\n  constructor(readonly table: string) {}\n}\n',
      'packages/api/package.json': JSON.stringify({ name: 'api' }),
      'packages/api/src/jobs/a.ts': "import { createClient } from '@clickhouse/client';\nimport { ClickHouse } from 'clickhouse';\nexport const events = new ClickHouse('events');\nexport const a = createClient({ url: process.env.CH_URL });\n",
      'packages/api/src/jobs/b.ts': "import { createClient } from '@clickhouse/client';\nconst b = createClient({ url: process.env.CH_URL });\nexport async function ping() { return b.ping(); }\n",
      'packages/web/package.json': JSON.stringify({ name: 'web' }),
      'packages/web/src/ch.ts': "import { createClient } from '@clickhouse/client';\nexport const w = createClient({ url: process.env.CH_URL });\n",
    },
  }));
  const { findings } = discoverJson(root);
  const clickhouse = (findings as Array<{ kind: string; module: string; package: string; constructions: Array<{ what: string }> }>).filter((f) => f.kind === 'clickhouse');
  expect(clickhouse.flatMap((f) => f.constructions.map((c) => c.what))).not.toContain('new ClickHouse() from clickhouse');
  expect(clickhouse.map((f) => [f.module, f.package]).sort()).toEqual([
    ['packages/api/src/jobs/a.ts', 'packages/api'],
    ['packages/api/src/jobs/b.ts', 'packages/api'],
    ['packages/web/src/ch.ts', 'packages/web'],
  ]);
  const proposal = JSON.parse(canonize(root, 'discover', '--emit-config').stdout);
  const issue = proposal.issues.find((i: { id: string }) => i.id === 'clickhouse-clients');
  // Inside the package with the most clients; the web package's client is not pulled across packages.
  expect(issue.migrations[0].options).toEqual({ canonical: 'packages/api/src/jobs/a.ts', export: 'a' });
});

it('lists copies that live in two workspace packages but never proposes moving one package onto the other (hyperdx: cli copies an app hook; the move broke cli with TS6059)', () => {
  const hook = (name: string) =>
    [`export function ${name}(text: string): string[] {`, "  const words = text.split(' ');", '  return words.filter((w) => w.length > 2);', '}', '', 'export function rank(words: string[]): string[] {', '  return [...words].sort();', '}', ''].join('\n');
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
      'packages/app/package.json': JSON.stringify({ name: 'app' }),
      'packages/app/src/hooks/useSuggestions.ts': hook('useSuggestions'),
      'packages/app/src/page.ts': "import { useSuggestions } from './hooks/useSuggestions';\nexport const a = useSuggestions('a b c');\n",
      'packages/app/src/other.ts': "import { rank } from './hooks/useSuggestions';\nexport const r = rank(['b', 'a']);\n",
      'packages/cli/package.json': JSON.stringify({ name: 'cli' }),
      'packages/cli/src/shared/useSuggestions.ts': hook('useSuggestions'),
      'packages/cli/src/main.ts': "import { useSuggestions } from './shared/useSuggestions';\nexport const c = useSuggestions('x y z');\n",
    },
  }));
  const { findings } = discoverJson(root);
  expect(findings).toContainEqual(expect.objectContaining({ kind: 'copies', modules: ['packages/app/src/hooks/useSuggestions.ts', 'packages/cli/src/shared/useSuggestions.ts'], packages: ['packages/app', 'packages/cli'] }));
  expect(canonize(root, 'discover').stdout).toContain('; in two packages (packages/app, packages/cli), so never proposed');
  const proposal = JSON.parse(canonize(root, 'discover', '--emit-config').stdout);
  expect(proposal.issues.map((i: { id: string }) => i.id)).not.toContain('merge-copies');
});
