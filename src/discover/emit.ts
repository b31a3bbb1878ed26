/**
 * A config fragment from findings, for a person to paste, review and run: shims and near-identical copies
 * become canonical-imports moves, and modules spelt several ways a canonical-specifiers migration with the
 * style most of the project already uses. Paths are relative to the folder the config would sit in.
 */
import type { Finding, ProjectStyle } from './findings';

/** Copies this similar or more are proposed as moves; the rest are only reported. */
export const COPY_MOVE_THRESHOLD = 0.8;

interface Move {
  from: string;
  to: string;
}

export function proposeConfig(findings: Finding[], options: { tsconfig?: string; style: ProjectStyle }): Record<string, unknown> {
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
    if (f.kind === 'copies' && f.similarity >= COPY_MOVE_THRESHOLD && !moved.has(f.modules[1]) && !moved.has(f.modules[0])) {
      copyMoves.push({ from: f.modules[1], to: f.modules[0] });
      moved.add(f.modules[1]);
    }
  }
  const issue = (id: string, title: string, moves: Move[]) => ({ id, title, migrations: [{ transform: 'canonical-imports', options: { moves } }] });
  const issues = [
    ...(shimMoves.length ? [issue('retire-shims', 'Stop importing shim modules that only re-export another module', shimMoves)] : []),
    ...(copyMoves.length ? [issue('merge-copies', 'Use one of each pair of copied modules', copyMoves)] : []),
    ...(findings.some((f) => f.kind === 'spellings')
      ? [{ id: 'one-spelling', title: 'One spelling per module', migrations: [{ transform: 'canonical-specifiers', options: { ...options.style } }] }]
      : []),
  ];
  return {
    $schema: './node_modules/canonize/canonize.schema.json',
    ...(options.tsconfig ? { tsconfig: options.tsconfig } : {}),
    issues,
  };
}
