/**
 * Resolvers besides TypeScript that may be configured on the same folders as `baseUrl`: jest settings canonize
 * can read (`package.json` "jest", `jest.config.json`), listed for a human at their place, and code-based
 * configs (webpack, vite, babel, a JavaScript jest config) that canonize does not run and can only name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { jestConfigFile, jestMappers } from '../../src/discover/jest';
import { toPosix } from '../../src/files/paths';
import type { Note } from '../../src/transform';

export interface OtherResolvers {
  /** Jest settings that name a `baseUrl` folder, and aliases jest would not resolve: notes at their place. */
  notes: Array<Note & { file: string }>;
  /** Config files that are code and may configure resolution too (relative to the config's folder). */
  codeConfigs: string[];
}

/** Config files that are code: canonize names them but does not read them. */
const CODE_CONFIG = /^(?:(?:webpack|vite|vitest|rollup|craco|next|babel|jest|rspack)\.config\.[cm]?[jt]s|config-overrides\.js|\.babelrc(?:\.js|\.json)?)$/;

/**
 * Looks in `dirs` (the config's folder and each affected tsconfig's) for other resolvers of the `baseUrls`
 * folders, and for jest configs that would not resolve the aliases this run wrote (`aliasSpecifiers`).
 */
export function otherResolvers(args: { dirs: string[]; baseUrls: string[]; aliasSpecifiers: string[]; rootDir: string }): OtherResolvers {
  const notes: OtherResolvers['notes'] = [];
  const codeConfigs: string[] = [];
  for (const dir of [...new Set(args.dirs)].sort()) {
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries.filter((e) => CODE_CONFIG.test(e)).sort()) codeConfigs.push(toPosix(path.relative(args.rootDir, path.join(dir, name))));
    let jest: ReturnType<typeof jestConfigFile>;
    try {
      jest = jestConfigFile(dir);
    } catch {
      continue;
    }
    if (jest) notes.push(...jestNotes({ ...jest, baseUrls: args.baseUrls, aliasSpecifiers: args.aliasSpecifiers }));
  }
  return { notes: notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column)), codeConfigs };
}

/**
 * Whether jest would resolve an alias written in a file: the jest config canonize can read nearest above the
 * file (in one of `dirs`) must map it with `moduleNameMapper`. Without such a config there is nothing to ask.
 * @example aliasRunsUnderJest(['/p'])('@ui/Button', '/p/src/a.ts') => false when /p/package.json maps only ^@/(.*)$
 */
export function aliasRunsUnderJest(dirs: string[]): (specifier: string, file: string) => boolean {
  const configs = [...new Set(dirs)]
    .flatMap((dir) => {
      try {
        return jestConfigFile(dir) ? [{ dir, mappers: jestMappers(dir) }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.dir.length - a.dir.length);
  return (specifier, file) => {
    const config = configs.find((c) => file.startsWith(c.dir + path.sep));
    return !config || config.mappers.some((m) => m.map(specifier) !== undefined);
  };
}

const SETTINGS: Record<string, (folder: string) => string> = {
  moduleDirectories: (folder) =>
    `jest \`moduleDirectories\` names ${folder}: jest also resolves bare specifiers below it, as baseUrl did for TypeScript. Nothing in this patch needs it; remove it once no test or mock imports through it`,
  modulePaths: (folder) =>
    `jest \`modulePaths\` names ${folder}: jest also resolves bare specifiers below it, as baseUrl did for TypeScript. Nothing in this patch needs it; remove it once no test or mock imports through it`,
  roots: (folder) => `jest \`roots\` names ${folder}: jest looks for tests and \`__mocks__\` there; it resolves no specifier through it, so this patch needs no change to it`,
};

function jestNotes(args: { file: string; text: string; at: string[]; baseUrls: string[]; aliasSpecifiers: string[] }): Array<Note & { file: string }> {
  const { file, text, at } = args;
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) return [];
  const config = at.length > 0 ? findNodeAtLocation(tree, at) : tree;
  const dir = path.dirname(file);
  const rootDirNode = config && findNodeAtLocation(config, ['rootDir']);
  const jestRoot = path.resolve(dir, typeof rootDirNode?.value === 'string' ? rootDirNode.value : '.');
  const notes: Array<Note & { file: string }> = [];
  for (const [setting, explain] of Object.entries(SETTINGS)) {
    const list = config && findNodeAtLocation(config, [setting]);
    for (const item of list?.type === 'array' ? (list.children ?? []) : []) {
      if (item.type !== 'string' || typeof item.value !== 'string') continue;
      const folder = namedFolder(item.value, setting, jestRoot, args.baseUrls);
      if (folder) notes.push({ file, ...place(text, item), text: explain(`\`${item.value}\` (${folder})`) });
    }
  }
  // Aliases this run wrote that no moduleNameMapper entry maps: tests would not resolve them.
  const mappers = jestMappers(dir);
  const unmapped = new Map<string, string>();
  for (const specifier of args.aliasSpecifiers) {
    const head = aliasHead(specifier);
    if (!unmapped.has(head) && !mappers.some((m) => m.map(specifier) !== undefined)) unmapped.set(head, specifier);
  }
  const at2 = (config && findNodeAtLocation(config, ['moduleNameMapper'])) ?? config;
  for (const [head, example] of unmapped) {
    notes.push({
      file,
      ...place(text, at2 ?? tree),
      text: `no jest \`moduleNameMapper\` entry maps \`${head}…\`: a test that loads a file importing \`${example}\` will not resolve it. Add a mapper for \`${head}\` (as for the tsconfig \`paths\`), or run drop-baseurl with \`"prefer": "relative"\``,
    });
  }
  return notes;
}

/** The baseUrl folder a jest entry names (relative to the jest root, for the message), or `undefined`. */
function namedFolder(value: string, setting: string, jestRoot: string, baseUrls: string[]): string | undefined {
  const expanded = value.replace(/<rootDir>/g, jestRoot);
  // moduleDirectories holds folder names searched upward (like node_modules), or paths.
  const byName = setting === 'moduleDirectories' && !/[\\/]/.test(value);
  const match = baseUrls.find((b) => (byName ? path.basename(b) === value : path.resolve(jestRoot, expanded) === path.resolve(b)));
  return match === undefined ? undefined : `${toPosix(path.relative(jestRoot, match)) || '.'}/`;
}

/** `@/components/x` => `@/`; `@app/x` => `@app/`; `~/x` => `~/`; `components/x` => `components/`. */
function aliasHead(specifier: string): string {
  const slash = specifier.indexOf('/');
  return slash < 0 ? specifier : specifier.slice(0, slash + 1);
}

function place(text: string, node: Node): { line: number; column: number } {
  const before = text.slice(0, node.offset);
  return { line: before.split('\n').length, column: node.offset - before.lastIndexOf('\n') };
}
