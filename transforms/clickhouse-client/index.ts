/**
 * clickhouse-client: every duplicate ClickHouse client outside the canonical module becomes an import of the
 * canonical client (built on the official `@clickhouse/client`), and calls of the old `clickhouse` package's
 * API become official calls with the same results. Connection settings are compared, never silently changed:
 * a duplicate whose effective settings differ is left, and the summary shows both sides.
 *
 * Options: `{ "canonical": "src/db/clickhouse.ts", "export": "clickhouse", "wrappers": [{ "module":
 * "src/lib/clickhouse-service.ts", "export": "ClickHouseService", "methods": { "select": "query" } }] }`.
 * When the canonical module does not exist, the run creates it (connection settings from the environment).
 *
 * One module per concern: `prepare` (the canonical module and the wrappers, once per run), `settings`
 * (effective connection settings), `constructions` (clients in a file and the verdict on each), `old-calls`
 * and `apla-calls` (the packages' APIs), `error-codes`, `wrappers` (uses of wrappers and getters),
 * `imports`, and `plan` (one file, parsed once).
 */
import type { Migration } from '../../src/transform';
import { jscodeshiftAdapter } from '../lib/jscodeshift-adapter';
import { plan } from './plan';
import { exportedReplacements } from './exported';
import { prepare, type ClickHouseClientOptions, type PreparedClickHouse } from './prepare';

export type { ClickHouseClientOptions, PreparedClickHouse } from './prepare';

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['canonical'],
  properties: {
    canonical: { type: 'string', minLength: 1, description: 'The canonical module (relative to the config) that exports the one client; created when it does not exist.' },
    export: { type: 'string', minLength: 1, default: 'clickhouse', description: 'The name the canonical module exports its client as.' },
    wrappers: {
      type: 'array',
      description: 'Wrapper classes and singleton getters whose uses move to the canonical client.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'export'],
        properties: {
          module: { type: 'string', minLength: 1, description: 'The module that defines the wrapper, relative to the config.' },
          export: { type: 'string', minLength: 1, description: 'The exported class or getter function.' },
          methods: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: "Wrapper method => the client's method, where the names differ." },
        },
      },
    },
  },
};

function describe(prepared: PreparedClickHouse): string[] {
  const lines = [`Every ClickHouse client outside \`${prepared.canonicalLabel}\` → \`${prepared.exportName}\` from \`${prepared.canonicalLabel}\`${prepared.scaffold ? ' (created by this run)' : ''}`];
  for (const w of prepared.wrappers) lines.push(`Uses of \`${w.export}\` (${w.kind}) from \`${w.label}\` → \`${prepared.exportName}\``);
  return lines;
}

export const migration: Migration<ClickHouseClientOptions, PreparedClickHouse> = {
  description: 'Consolidates duplicate ClickHouse clients on one canonical client built on the official @clickhouse/client, rewriting old clickhouse-package calls.',
  optionsSchema,
  prepare,
  shims: (prepared) => prepared.wrappers.map((w) => ({ file: w.file, wrapper: true })),
  replaces: exportedReplacements,
  creates: (prepared) => (prepared.scaffold ? [{ file: prepared.canonicalFile, content: prepared.scaffold }] : []),
  describe,
  prefilter: (prepared) => prepared.prefilter,
  plan,
};

export const parser = 'tsx';

export default jscodeshiftAdapter('clickhouse-client', migration);
