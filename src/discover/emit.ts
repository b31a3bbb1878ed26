/**
 * A config fragment from findings, for a person to paste, review and run: shims and near-identical copies
 * become canonical-imports moves, and modules spelt several ways a canonical-specifiers migration with the
 * rule that rewrites the fewest of the project's references, scoped to those modules, so its diff is what
 * discover reported. Paths are relative to the folder the config would sit in.
 */
import { escapeGlob } from '../files/paths';
import { isMergeable, type ClickHouseFinding, type Finding } from './findings';
import type { StylePlan } from './style';

/** Copies this similar or more are proposed as moves; the rest are only reported. */
export const COPY_MOVE_THRESHOLD = 0.8;

interface Move {
  from: string;
  to: string;
}

export interface ProposalOptions {
  /** The tsconfig, relative to the config's folder. */
  tsconfig?: string;
  /** The measured spelling rule and its areas. */
  style: Pick<StylePlan, 'rule' | 'areas'>;
  /** Where canonize's schema is, relative to the config's folder; `undefined`: not installed there. */
  schema?: string;
}

export function proposeConfig(findings: Finding[], options: ProposalOptions): Record<string, unknown> {
  const shimMoves: Move[] = [];
  const copyMoves: Move[] = [];
  const moved = new Set<string>();
  for (const f of findings) {
    if (f.kind === 'shim' && f.why === 're-exports only' && f.forwardsTo.length === 1 && !moved.has(f.module)) {
      shimMoves.push({ from: f.module, to: f.forwardsTo[0]! });
      moved.add(f.module);
    }
  }
  for (const f of findings) {
    if (f.kind === 'copies' && !f.packages && f.similarity >= COPY_MOVE_THRESHOLD && !moved.has(f.modules[1]) && !moved.has(f.modules[0])) {
      copyMoves.push({ from: f.modules[1], to: f.modules[0] });
      moved.add(f.modules[1]);
    }
  }
  const issue = (id: string, title: string, moves: Move[]) => ({ id, title, migrations: [{ transform: 'canonical-imports', options: { moves } }] });
  const clickhouse = clickhouseIssue(findings.filter((f): f is ClickHouseFinding => f.kind === 'clickhouse'));
  const issues = [
    ...(shimMoves.length ? [issue('retire-shims', 'Stop importing shim modules that only re-export another module', shimMoves)] : []),
    ...(copyMoves.length ? [issue('merge-copies', 'Use one of each pair of copied modules', copyMoves)] : []),
    ...(findings.some((f) => f.kind === 'spellings' && f.toRewrite > 0) ? [oneSpelling(findings, [...shimMoves, ...copyMoves], options.style)] : []),
    ...(clickhouse ? [clickhouse] : []),
    // Last: an earlier issue may write baseUrl spellings (a move keeps a file's habit); this one retires them all.
    ...(findings.some((f) => f.kind === 'baseurl')
      ? [{ id: 'drop-baseurl', title: 'Retire tsconfig baseUrl (deprecated in TypeScript 6.0, removed in 7.0)', migrations: [{ transform: 'drop-baseurl', options: { prefer: 'alias' } }] }]
      : []),
  ];
  return {
    ...(options.schema ? { $schema: options.schema } : {}),
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
    issues,
  };
}

/**
 * One canonical-specifiers migration for the fragmented modules: `files` names each of them (and each module
 * a proposed move points references at, whose new references follow the importing file's habit), so the
 * diff is what discover reported; an area with a rule of its own becomes an override.
 */
function oneSpelling(findings: Finding[], moves: Move[], style: ProposalOptions['style']): Record<string, unknown> {
  const modules = new Set<string>([...findings.flatMap((f) => (f.kind === 'spellings' && f.toRewrite > 0 ? [f.module] : [])), ...moves.map((m) => m.to)]);
  const overrides = style.areas.map((a) => {
    const { within, ...fields } = a.rule;
    return { importers: [a.file ? escapeGlob(a.folder) : `${escapeGlob(a.folder)}/**`], ...diff(fields, style.rule), ...(a.relativeWithin !== undefined ? { relativeWithin: a.relativeWithin } : {}) };
  });
  return {
    id: 'one-spelling',
    title: 'One spelling per module',
    migrations: [
      {
        transform: 'canonical-specifiers',
        options: { ...style.rule, files: [...modules].sort().map(escapeGlob), ...(overrides.length > 0 ? { overrides } : {}) },
      },
    ],
  };
}

/** The fields of `rule` that differ from `base`. */
function diff<T extends object>(rule: T, base: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(rule).filter(([k, v]) => base[k as keyof T] !== v)) as Partial<T>;
}

/** Where a scaffolded canonical ClickHouse module goes in a package, when no module there exports a client. */
const SCAFFOLD = 'src/db/clickhouse.ts';

/**
 * Duplicate ClickHouse clients become one clickhouse-client migration, inside one package: the package whose
 * modules build the most clients (a canonical module outside every package would be imported across package
 * boundaries). The canonical module is one there that already exports a client (a `db/` or `clickhouse` module
 * first, then the most referenced), else a new `src/db/clickhouse.ts` in that package. The classes and getters
 * around clients become wrappers, with the method names their bodies delegate to. Clients per connection (built
 * from parameters or stored connection details) and `@clickhouse/client-web` clients are never proposed.
 */
function clickhouseIssue(all: ClickHouseFinding[]): Record<string, unknown> | undefined {
  const mergeable = all.filter(isMergeable);
  if (mergeable.length < 2) return undefined;
  const byPackage = new Map<string, ClickHouseFinding[]>();
  for (const f of mergeable) byPackage.set(f.package, [...(byPackage.get(f.package) ?? []), f]);
  const [pkg, findings] = [...byPackage.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
  if (findings.length < 2) return undefined;
  const exporting = findings.filter((f) => f.client !== undefined);
  const preferred = [...exporting].sort((a, b) => Number(/(^|\/)db\/|clickhouse/i.test(b.module)) - Number(/(^|\/)db\/|clickhouse/i.test(a.module)) || b.references - a.references)[0];
  const canonical = preferred ? { canonical: preferred.module, export: preferred.client! } : { canonical: pkg ? `${pkg}/${SCAFFOLD}` : SCAFFOLD, export: 'clickhouse' };
  const wrappers = findings
    .filter((f) => f.module !== canonical.canonical)
    .flatMap((f) =>
      f.wrappers.filter((w) => !w.perConnection).map((w) => {
        const [kind, name] = w.what.split(' ') as [string, string];
        return { module: f.module, export: name, ...(kind === 'class' && w.methods ? { methods: w.methods } : {}) };
      }),
    );
  return {
    id: 'clickhouse-clients',
    title: `${findings.length} modules build ClickHouse clients: one canonical client`,
    migrations: [{ transform: 'clickhouse-client', options: { ...canonical, ...(wrappers.length > 0 ? { wrappers } : {}) } }],
  };
}
