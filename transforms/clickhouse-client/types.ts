/**
 * What TypeScript's checker knows about values a converted call sends: the fields of inserted rows and the
 * query parameters, on a program over the file as the run sees it (its tsconfig's options, other modules
 * through the run). Each value is sent as the old package encoded it, or the call is not converted.
 *
 * The old package encodes (TabSeparated for rows, the same for `{name:Type}` parameters): strings and numbers
 * as they are; `true`/`false` as 1/0; a Date as unix seconds, rounded; `null` and `undefined` fields of an
 * object row as an empty string. JSON sends a Date as an ISO string (which a DateTime column rejects) and
 * `null` as NULL, so those fields are written out as the old package sent them.
 */
import type * as TS from 'typescript';
import type * as t from '@babel/types';
import { loadTypescript } from '../../src/typescript/load';
import { createProgram, programOptions, SourceFileCache } from '../../src/typescript/program';
import type { ModuleResolver } from '../../src/resolve/resolver';

export interface TypeHost {
  resolver: ModuleResolver;
  readModule(file: string): string | undefined;
  /** Parsed files shared by the programs of one run. */
  cache: SourceFileCache;
}

/** The checker on one file's program, and the TypeScript node for a Babel node (same text, same offsets). */
export interface FileTypes {
  ts: typeof TS;
  checker: TS.TypeChecker;
  nodeAt(node: t.Node): TS.Node | undefined;
}

export function fileTypes(host: TypeHost, file: string, source: string): FileTypes {
  const ts = loadTypescript();
  const { options } = host.resolver.compilerOptionsFor(file);
  const program = createProgram({ rootNames: [file], textOf: (f) => (f === file ? source : host.readModule(f)), options: programOptions(options, 'full'), cache: host.cache });
  const sourceFile = program.getSourceFile(file)!;
  const checker = program.getTypeChecker();
  const nodeAt = (node: t.Node): TS.Node | undefined => {
    let found: TS.Node | undefined;
    const visit = (n: TS.Node): void => {
      if (found || n.getStart(sourceFile) > node.start! || n.end < node.end!) return;
      if (n.getStart(sourceFile) === node.start! && n.end === node.end!) found = n;
      ts.forEachChild(n, visit);
    };
    visit(sourceFile);
    return found;
  };
  return { ts, checker, nodeAt };
}

/** How one value is sent so the server receives what the old package sent: `{{}}` stands for the value. */
export type Encoding = { kind: 'as-is' } | { kind: 'rewrite'; template: string } | { kind: 'blocked'; why: string };

/**
 * The encoding of a value of `type`. `nullAs`: what the old package sent for `null`/`undefined` (an empty
 * string in object rows; not handled for parameters).
 */
export function encodingOf(types: FileTypes, type: TS.Type, options: { optional: boolean; nullAsEmpty: boolean }): Encoding {
  const { ts, checker } = types;
  const parts = type.isUnion() ? type.types : [type];
  const nullish = options.optional || parts.some((p) => p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void));
  const rest = parts.filter((p) => !(p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  const is = (flags: TS.TypeFlags) => rest.length > 0 && rest.every((p) => (p.flags & flags) !== 0);
  const isDate = rest.length > 0 && rest.every((p) => checker.typeToString(p) === 'Date' && p.getSymbol()?.declarations?.some((d) => d.getSourceFile().hasNoDefaultLib));
  const shown = checker.typeToString(type);
  let base: Encoding;
  if (is(ts.TypeFlags.StringLike) || is(ts.TypeFlags.NumberLike) || is(ts.TypeFlags.EnumLike)) base = { kind: 'as-is' };
  else if (is(ts.TypeFlags.BooleanLike)) base = { kind: 'rewrite', template: '{{}} ? 1 : 0' };
  else if (isDate) base = { kind: 'rewrite', template: 'Math.round({{}}.getTime() / 1000)' };
  else return { kind: 'blocked', why: `its type is \`${shown}\`, whose encoding canonize cannot reproduce` };
  if (!nullish) return base;
  if (!options.nullAsEmpty) return { kind: 'blocked', why: `it may be null or undefined (\`${shown}\`)` };
  // The old package sent '' for null and undefined; only a string field can go as '' in JSON unchanged.
  if (base.kind === 'as-is' && is(ts.TypeFlags.StringLike)) return { kind: 'rewrite', template: "{{}} ?? ''" };
  return { kind: 'blocked', why: `it may be null or undefined (\`${shown}\`), which the old package sent as an empty string` };
}
