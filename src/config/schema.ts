/**
 * The config's JSON Schema. The top level is written here; each transform contributes the schema of its
 * `options`. `configSchema()` is what ships as `canonize.schema.json` (a test keeps the file in sync).
 */
import { transformNames, loadMigration } from '../registry';

/** Files canonize reads when `include` is not given. */
export const DEFAULT_INCLUDE = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

/** Larger files are skipped: generated bundles, not code people maintain. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** What a custom transform looks like to an editor (src/custom/resolve.ts decides): a path, or `pkg/sub` or `@scope/pkg/sub`. */
export const CUSTOM_TRANSFORM_PATTERN = '^(\\.{1,2}/|/|(@[^/\\s]+/)?[^@./\\s][^/\\s]*/.)';

/** Issue ids become file names (`<out>/<id>.patch`), so they are kept to safe characters. */
export const ISSUE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

/** The top level, with `options` left open: each transform's options are checked against its own schema. */
export function baseSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'canonize config',
    description: 'Follow-up issues and the migrations that close them.',
    type: 'object',
    additionalProperties: false,
    required: ['issues'],
    properties: {
      $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
      include: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        default: DEFAULT_INCLUDE,
        description: 'Globs of the files to read, relative to the config file. Files ignored by git and node_modules are never read.',
      },
      exclude: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: [],
        description: 'Globs of files to leave out, relative to the config file.',
      },
      tsconfig: {
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        ],
        default: 'tsconfig.json',
        description:
          'The tsconfig (or, in a monorepo, the list of tsconfigs) whose module resolution is used. A file resolves with the first listed tsconfig that includes it, else the nearest tsconfig.json above it.',
      },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_FILE_SIZE,
        description: 'Files larger than this many bytes are skipped and listed (generated bundles, vendored code).',
      },
      issues: {
        type: 'array',
        minItems: 1,
        description: 'Follow-up issues, applied in this order; each gets its own patch and summary.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'migrations'],
          properties: {
            id: { type: 'string', pattern: ISSUE_ID_PATTERN, description: 'Names the issue on the command line and its output files.' },
            title: { type: 'string', description: 'The heading of the summary. Defaults to the id.' },
            migrations: {
              type: 'array',
              minItems: 1,
              description: 'Transforms run for this issue, in order.',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['transform'],
                properties: {
                  transform: {
                    type: 'string',
                    description:
                      "A built-in transform's name (its file name under transforms/), or a jscodeshift transform module (.js, .cjs, .mjs, .ts): a path starting with ./, ../ or /, relative to this file's folder, or a package subpath such as @scope/codemods/transforms/x.",
                  },
                  options: { type: 'object', description: "The transform's options (a jscodeshift transform receives them as its options)." },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** The full schema for editors: the base plus, per transform, its options schema. */
export function configSchema(): Record<string, unknown> {
  const schema = baseSchema() as { properties: { issues: { items: { properties: { migrations: { items: Record<string, unknown> } } } } } };
  const migration = schema.properties.issues.items.properties.migrations.items;
  const names = transformNames();
  (migration.properties as Record<string, Record<string, unknown>>).transform!.anyOf = [
    { enum: names },
    { pattern: CUSTOM_TRANSFORM_PATTERN, description: 'A jscodeshift transform module: a path, or a package subpath.' },
  ];
  migration.allOf = names.map((name) => ({
    if: { properties: { transform: { const: name } } },
    then: { properties: { options: loadMigration(name)!.optionsSchema } },
  }));
  return schema;
}
