/** discover output: text for people, JSON for scripts. No I/O. */
import type { Finding } from '../discover/findings';

export interface DiscoverReport {
  findings: Finding[];
  filesRead: number;
  elapsedMs: number;
}

const MAX_PLACES = 8;

function places(list: Array<{ path: string; line: number }>): string {
  const shown = list.slice(0, MAX_PLACES).map((p) => `${p.path}:${p.line}`);
  return list.length > MAX_PLACES ? `${shown.join(', ')} and ${list.length - MAX_PLACES} more` : shown.join(', ');
}

function describe(f: Finding): string[] {
  switch (f.kind) {
    case 'spellings':
      return [
        `spellings ${f.module} (${f.references} references through ${f.spellings.length} spellings)`,
        ...f.spellings.map((s) => `     ${String(s.count).padStart(4)}  ${s.specifier}  (${s.style})`),
        `     standardise on: ${f.suggestedStyle}`,
      ];
    case 'shim':
      return [
        `shim ${f.module} (${f.references} references): ${f.why}${f.forwardsTo.length ? `; forwards to ${f.forwardsTo.join(', ')}` : ''}`,
        `     imported from ${places(f.importers)}`,
      ];
    case 'copies':
      return [`copies ${f.modules[0]} ~ ${f.modules[1]} (${f.references} references): ${Math.round(f.similarity * 100)}% the same, both export ${f.exports.join(', ')}`];
    case 'baseurl':
      return [
        `baseurl ${f.tsconfig} sets baseUrl "${f.baseUrl}" (${f.references} reference${f.references === 1 ? '' : 's'} through it): TypeScript 6.0 deprecates baseUrl and 7.0 removes it; the drop-baseurl transform retires it`,
        ...(f.places.length > 0 ? [`     ${places(f.places)}`] : []),
      ];
    case 'clickhouse':
      return [
        `clickhouse ${f.module} (${f.constructions.length} client construction${f.constructions.length === 1 ? '' : 's'})`,
        ...f.constructions.map((c) => `     ${c.path}:${c.line} ${c.what}${c.perConnection ? ' (per connection: not a duplicate, never proposed)' : c.web ? ' (a web client: never proposed onto a Node client)' : ''}`),
        ...f.wrappers.map((w) => `     ${w.path}:${w.line} ${w.what}${w.perConnection ? ' (per connection)' : ''}`),
      ];
  }
}

export function discoverText(report: DiscoverReport): string {
  const lines = report.findings.flatMap((f, i) => describe(f).map((l, j) => (j === 0 ? `${String(i + 1).padStart(3)}. ${l}` : l)));
  lines.push(`${report.findings.length} finding(s), largest first; ${report.filesRead} files read in ${(report.elapsedMs / 1000).toFixed(2)}s`);
  return `${lines.join('\n')}\n`;
}

export function discoverJson(report: DiscoverReport): string {
  return `${JSON.stringify({ version: 1, findings: report.findings, filesRead: report.filesRead }, null, 2)}\n`;
}
