/** discover output: text for people, JSON for scripts. No I/O. */
import type { Finding } from '../discover/findings';
import type { StylePlan } from '../discover/style';

export interface DiscoverReport {
  findings: Finding[];
  filesRead: number;
  elapsedMs: number;
  /** The measured spelling rule; absent when nothing was measured. */
  style?: Pick<StylePlan, 'rule' | 'references' | 'counts' | 'areas'>;
}

const MAX_PLACES = 8;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function places(list: Array<{ path: string; line: number }>): string {
  const shown = list.slice(0, MAX_PLACES).map((p) => `${p.path}:${p.line}`);
  return list.length > MAX_PLACES ? `${shown.join(', ')} and ${list.length - MAX_PLACES} more` : shown.join(', ');
}

function describe(f: Finding): string[] {
  switch (f.kind) {
    case 'spellings':
      return [
        `spellings ${f.module} (${plural(f.references, 'reference')} through ${plural(f.spellings.length, 'spelling')})`,
        ...f.spellings.map((s) => `     ${String(s.count).padStart(4)}  ${s.specifier}  (${s.style})`),
        `     standardise on: ${f.suggestedStyle}; ${plural(f.toRewrite, 'reference')} to rewrite${f.byHand ? `; ${plural(f.byHand, 'reference')} only jest's moduleNameMapper resolves, to respell by hand` : ''}`,
      ];
    case 'shim':
      return [
        `shim ${f.module} (${plural(f.references, 'reference')}): ${f.why}${f.forwardsTo.length ? `; forwards to ${f.forwardsTo.join(', ')}` : ''}`,
        `     imported from ${places(f.importers)}`,
      ];
    case 'deprecated':
      return [
        `deprecated ${f.module} (${plural(f.references, 'reference')}): marked @deprecated, with code of its own; move the symbols its importers use (canonical-imports "symbols")`,
        `     imported from ${places(f.importers)}`,
      ];
    case 'copies':
      return [`copies ${f.modules[0]} ~ ${f.modules[1]} (${plural(f.references, 'reference')}): ${Math.round(f.similarity * 100)}% the same, both export ${f.exports.join(', ')}${f.packages ? `; in two packages (${f.packages.map((p) => p || 'the root').join(', ')}), so never proposed` : ''}`];
    case 'baseurl':
      return [
        `baseurl ${f.tsconfig} sets baseUrl "${f.baseUrl}" (${plural(f.references, 'reference')} through it): TypeScript 6.0 deprecates baseUrl and 7.0 removes it; the drop-baseurl transform retires it`,
        ...(f.places.length > 0 ? [`     ${places(f.places)}`] : []),
      ];
    case 'clickhouse':
      return [
        `clickhouse ${f.module} (${plural(f.constructions.length, 'client construction')})`,
        ...f.constructions.map((c) => `     ${c.path}:${c.line} ${c.what}${c.perConnection ? ' (per connection: not a duplicate, never proposed)' : c.web ? ' (a web client: never proposed onto a Node client)' : c.unwrapped ? ' (built inside a function that is no wrapper: left by clickhouse-client, never proposed)' : ''}`),
        ...f.wrappers.map((w) => `     ${w.path}:${w.line} ${w.what}${w.perConnection ? ' (per connection)' : ''}`),
      ];
  }
}

/** How the spelling rule was chosen: what each style would rewrite, and the areas that keep their own. */
function styleLines(style: NonNullable<DiscoverReport['style']>): string[] {
  if (style.references === 0) return [];
  const others = Object.entries(style.counts)
    .filter(([s]) => s !== style.rule.style)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return [
    `spelling rule: ${style.rule.style}, extension ${style.rule.extension}, index ${style.rule.index}: it would rewrite ${style.counts[style.rule.style]} of ${plural(style.references, 'reference')} (${others})`,
    ...style.areas.map(
      (a) =>
        `     ${a.folder}${a.file ? '' : '/'}: ${a.rule.style}${a.relativeWithin !== undefined ? ` (relative within ${a.relativeWithin}/)` : ''}, extension ${a.rule.extension}, index ${a.rule.index} (${a.why}): it would rewrite ${a.rewrites} of ${plural(a.references, 'reference')}, the project's rule ${a.rewritesUnderProjectRule}`,
    ),
  ];
}

export function discoverText(report: DiscoverReport): string {
  const lines = report.findings.flatMap((f, i) => describe(f).map((l, j) => (j === 0 ? `${String(i + 1).padStart(3)}. ${l}` : l)));
  if (report.style) lines.push(...styleLines(report.style));
  lines.push(`${plural(report.findings.length, 'finding')}, largest first; ${plural(report.filesRead, 'file')} read in ${(report.elapsedMs / 1000).toFixed(2)}s`);
  return `${lines.join('\n')}\n`;
}

export function discoverJson(report: DiscoverReport): string {
  // Absolute folders stay out of the JSON: an area names its folder relative to the root.
  const style = report.style && {
    rule: report.style.rule,
    references: report.style.references,
    counts: report.style.counts,
    areas: report.style.areas.map(({ rule: { within, ...rule }, ...area }) => ({ ...area, rule })),
  };
  return `${JSON.stringify({ version: 1, findings: report.findings, filesRead: report.filesRead, ...(style ? { style } : {}) }, null, 2)}\n`;
}
