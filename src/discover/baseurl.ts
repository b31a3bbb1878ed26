/**
 * discover's TypeScript 6/7 finding: a tsconfig that still sets `baseUrl` (TypeScript 6.0 deprecates it, 7.0
 * removes it), with the references that resolve through it alone. The drop-baseurl transform retires it.
 */
import * as path from 'node:path';
import { toPosix } from '../files/paths';
import type { ModuleResolver } from '../resolve/resolver';
import type { Place } from './facts';
import type { ImportGraph } from './scan';

export interface BaseUrlFinding {
  kind: 'baseurl';
  /** The tsconfig, relative to the root. */
  tsconfig: string;
  /** Its `baseUrl`, relative to the root (`.` for the root itself). */
  baseUrl: string;
  /** References that resolve through `baseUrl` (a bare specifier no `paths` alias matches). */
  references: number;
  /** Where they are (the first few are shown). */
  places: Place[];
}

/** One finding per tsconfig the run resolved with that sets `baseUrl`, even with no reference through it. */
export function baseUrlFindings(ctx: { graph: ImportGraph; resolver: ModuleResolver; rootDir: string }): BaseUrlFinding[] {
  const rel = (file: string) => toPosix(path.relative(ctx.rootDir, file)) || '.';
  const byTsconfig = new Map<string, Place[]>();
  for (const ref of ctx.graph.references) {
    if (!ref.target || ref.jestPattern || ctx.resolver.styleOf(ref.specifier, ref.from).kind !== 'baseUrl') continue;
    const tsconfig = ctx.resolver.tsconfigFor(ref.from);
    if (tsconfig === undefined) continue;
    byTsconfig.set(tsconfig, [...(byTsconfig.get(tsconfig) ?? []), { path: rel(ref.from), line: ref.line }]);
  }
  return ctx.resolver.projectsWithBaseUrl().map(({ tsconfig, baseUrl }) => {
    const places = byTsconfig.get(tsconfig) ?? [];
    return { kind: 'baseurl', tsconfig: rel(tsconfig), baseUrl: rel(baseUrl), references: places.length, places };
  });
}
