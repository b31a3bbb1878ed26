/**
 * drop-baseurl: retires tsconfig `baseUrl` (deprecated by TypeScript 6.0, removed in 7.0). Every specifier
 * that reaches its file through `baseUrl` alone becomes the most specific tsconfig `paths` alias that reaches
 * the same file, else a relative specifier; each affected tsconfig loses `baseUrl` and has its `paths` values
 * rewritten relative to itself, in the same patch; and after planning, every specifier of every file of those
 * tsconfigs is proven to resolve to the same file before and after.
 *
 * Options: `{ "prefer": "alias" }` (default) or `{ "prefer": "relative" }`.
 *
 * One module per concern: tsconfigs.ts plans the tsconfig edits, tsconfig-text.ts edits the
 * JSONC text, programs.ts holds each tsconfig's files and resolvers, rewrite.ts plans one file, proof.ts
 * checks every file after planning, other-resolvers.ts finds jest settings and bundler configs, report.ts
 * writes the summary.
 */
import * as path from 'node:path';
import { gitRoot } from '../../src/files/git';
import { mayMatch, type Prefilter } from '../../src/files/prefilter';
import { isInside, toPosix } from '../../src/files/paths';
import { sourceExtensionOf } from '../../src/resolve/extensions';
import { typescriptVersion } from '../../src/resolve/tsconfig';
import type { FileOutcome, Migration, RunEnd, RunView, SourceFile, TransformEnv } from '../../src/transform';
import { aliasRunsUnderJest, otherResolvers } from './other-resolvers';
import { PARSED, programsOf, type Program } from './programs';
import { prove } from './proof';
import { reportLines } from './report';
import { rewriteFile } from './rewrite';
import { findTsconfigs, planTsconfigs, projectFilesNamed, type TsconfigPlan } from './tsconfigs';
import { jscodeshiftAdapter } from '../lib/jscodeshift-adapter';

export interface DropBaseUrlOptions {
  /**
   * `alias`: the most specific tsconfig `paths` alias that reaches the same file, else a relative specifier;
   * `relative`: always relative (for code whose bundler or test runner resolves no alias). An alias the
   * project's jest config (`package.json` "jest" or `jest.config.json`) does not map is never written.
   * @default "alias"
   */
  prefer?: 'alias' | 'relative';
}

export interface PreparedDropBaseUrl {
  prefer: 'alias' | 'relative';
  rootDir: string;
  tsconfigs: TsconfigPlan;
  programs: Program[];
  /** The programs that include each file. */
  programsByFile: Map<string, Program[]>;
  /** Folders where other resolvers' configs are looked for: the config's and each affected tsconfig's. */
  configDirs: string[];
  aliasRuns: (specifier: string, file: string) => boolean;
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prefer: {
      enum: ['alias', 'relative'],
      default: 'alias',
      description: 'alias: the most specific tsconfig paths alias that reaches the same file, else relative; relative: always relative.',
    },
  },
};

function prepare(options: DropBaseUrlOptions, env: TransformEnv): PreparedDropBaseUrl {
  const listed = env.resolver.tsconfigs;
  const repoRoot = gitRoot(env.rootDir) ?? env.rootDir;
  const tsconfigs = planTsconfigs(findTsconfigs(env.rootDir, listed), repoRoot);
  const texts = new Map([...tsconfigs.edits].map(([file, e]) => [file, e.after]));
  const programs = programsOf({ affected: tsconfigs.affected, listed, rootDir: env.rootDir, texts });
  const programsByFile = new Map<string, Program[]>();
  for (const program of programs) for (const file of program.files) programsByFile.set(file, [...(programsByFile.get(file) ?? []), program]);
  const configDirs = [...new Set([env.rootDir, ...tsconfigs.affected.map((c) => path.dirname(c.file))])];
  return { prefer: options.prefer ?? 'alias', rootDir: env.rootDir, tsconfigs, programs, programsByFile, configDirs, aliasRuns: aliasRunsUnderJest(configDirs) };
}

function describe(prepared: PreparedDropBaseUrl): string[] {
  const { affected } = prepared.tsconfigs;
  if (affected.length === 0) return ['no tsconfig sets `baseUrl`: nothing to retire'];
  const rel = (file: string) => toPosix(path.relative(prepared.rootDir, file));
  const list = affected.map((c) => `\`${rel(c.file)}\` (\`${toPosix(path.relative(path.dirname(c.file), c.baseUrl!)) || '.'}\`)`).join(', ');
  const to = prepared.prefer === 'alias' ? 'the most specific tsconfig `paths` alias that reaches the same file, else a relative specifier' : 'a relative specifier';
  return [`\`baseUrl\` retired from ${list}: every specifier that resolves through it alone becomes ${to}`];
}

/** Files whose imports sit inside markup canonize does not parse (Vue, Svelte, Astro, MDX). */
const COMPONENT_FILES = ['*.vue', '*.svelte', '*.astro', '*.mdx'];

/** Every file with a specifier may hold one that goes through baseUrl. */
const PREFILTER: Prefilter = { needles: [], patterns: [/\bfrom\b|\bimport\b|require|mock|Actual/] };

function plan(file: SourceFile, prepared: PreparedDropBaseUrl): FileOutcome {
  if (!mayMatch(file.source, PREFILTER)) return { source: undefined, rewrites: [], manual: [] };
  return rewriteFile(file, { prefer: prepared.prefer, rootDir: prepared.rootDir, programsOf: (f) => prepared.programsByFile.get(f) ?? [], aliasRuns: prepared.aliasRuns });
}

/**
 * After planning: the proof over every program, then the tsconfig edits of every program it holds for. A
 * tsconfig whose program would resolve a specifier to another file is kept, and so is every tsconfig that
 * shares an edited file with it (the edit would change both).
 */
function finish(prepared: PreparedDropBaseUrl, run: RunView): RunEnd {
  const { tsconfigs } = prepared;
  // Files a program reaches are checked under it too. The run's files and the programs' own are sources; other
  // project files (build output, generated code) are listed to rebuild, as they are remade; packages are not read.
  const sources = new Set(run.files);
  const follows = (file: string): 'source' | 'generated' | false => {
    if (!PARSED.has(sourceExtensionOf(file) ?? '')) return false;
    if (sources.has(file) || prepared.programsByFile.has(file)) return 'source';
    return isInside(prepared.rootDir, file) && !file.split(path.sep).includes('node_modules') ? 'generated' : false;
  };
  const proofs = prove(prepared.programs, run, follows);
  const kept = new Map(tsconfigs.blocked);
  for (const proof of proofs) {
    const n = proof.differences.length;
    if (n > 0 && !kept.has(proof.program.tsconfig)) kept.set(proof.program.tsconfig, `${n} specifier${n === 1 ? '' : 's'} of its files would resolve to another file (listed below)`);
  }
  const chainOf = (file: string) => {
    const config = tsconfigs.affected.find((c) => c.file === file)!;
    return [config.file, ...config.extends];
  };
  for (let changed = true; changed; ) {
    changed = false;
    const heldBack = new Set([...kept.keys()].flatMap(chainOf).filter((f) => tsconfigs.edits.has(f)));
    for (const config of tsconfigs.affected) {
      const shared = chainOf(config.file).find((f) => heldBack.has(f));
      if (!kept.has(config.file) && shared !== undefined) {
        const reason = shared === config.file ? 'a tsconfig that is kept extends it' : `it shares \`${toPosix(path.relative(prepared.rootDir, shared))}\` with a tsconfig that is kept`;
        kept.set(config.file, reason);
        changed = true;
      }
    }
  }
  const heldBack = new Set([...kept.keys()].flatMap(chainOf));
  const edits = [...tsconfigs.edits].filter(([file]) => !heldBack.has(file));
  const other = otherResolvers({
    dirs: prepared.configDirs,
    baseUrls: [...new Set(tsconfigs.affected.map((c) => c.baseUrl!))],
    aliasSpecifiers: run.rewrites.filter((r) => !r.to.startsWith('.')).map((r) => r.to),
    rootDir: prepared.rootDir,
  });
  // Single-file components are not parsed: their imports are neither rewritten nor checked, and the summary says so.
  const unparsed = projectFilesNamed(prepared.rootDir, COMPONENT_FILES).filter((f) => prepared.tsconfigs.affected.some((c) => isInside(path.dirname(c.file), f)));
  const summary = reportLines({
    rootDir: prepared.rootDir,
    typescript: typescriptVersion(),
    proofs,
    edited: edits.map(([file, e]) => ({ file, what: e.what })),
    kept: [...kept].map(([file, reason]) => ({ file, reason })),
    unreadable: tsconfigs.unreadable,
    inRun: (file) => sources.has(file),
    other,
    aliasRewrites: run.rewrites.filter((r) => !r.to.startsWith('.')).length,
    unparsed,
  });
  return { edits: edits.map(([file, e]) => ({ file, content: e.after })), summary, notes: other.notes };
}

export const migration: Migration<DropBaseUrlOptions, PreparedDropBaseUrl> = {
  description: 'Retires tsconfig baseUrl: bare specifiers that resolve through it become paths aliases or relative specifiers, tsconfigs are edited, resolution is proven unchanged.',
  optionsSchema,
  prepare,
  describe,
  prefilter: () => PREFILTER,
  plan,
  finish,
};

export const parser = 'tsx';

/**
 * Under plain jscodeshift: `jscodeshift -t transforms/drop-baseurl/index.ts --config canonize.config.json`. It
 * rewrites the specifiers only: the tsconfig edits and the proof need the whole run (`canonize run`).
 */
export default jscodeshiftAdapter('drop-baseurl', migration);
