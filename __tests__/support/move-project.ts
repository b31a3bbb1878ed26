/**
 * The small project the nothing-lost end-to-end tests share: one issue that moves `src/old.ts` to
 * `src/new.ts`, where the deprecated module forwards to the canonical one, so a move keeps what each import
 * names (the proof holds), plus the importing files each test needs.
 */
export const MOVE = { transform: 'canonical-imports', options: { moves: [{ from: 'src/old.ts', to: 'src/new.ts' }] } };
export const CONFIG = { issues: [{ id: 'moves', migrations: [MOVE] }] };
export const OLD_IMPORT = "import { x } from './old';\nexport const y = x;\n";
export const NEW_IMPORT = "import { x } from './new';\nexport const y = x;\n";

/** The config, the two modules, and `files` (importers and anything else; a config here replaces the default). */
export function moveProject(files: Record<string, string>): Record<string, string> {
  return {
    'canonize.config.json': JSON.stringify(CONFIG),
    'src/old.ts': "export * from './new';\n",
    'src/new.ts': 'export const x = 1;\n',
    ...files,
  };
}
