/** What the summary and the terminal say about formatting. Strings only, no I/O. */
import type { Formatting } from '../format/choose';

const MAX_LISTED = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listed(paths: string[]): string {
  const shown = paths.slice(0, MAX_LISTED).map((p) => `\`${p}\``);
  return paths.length > MAX_LISTED ? `${shown.join(', ')} and ${paths.length - MAX_LISTED} more` : shown.join(', ');
}

/** The summary's "Formatting" section for one issue (`paths`: the files the issue changes). */
export function formattingSection(formatting: Formatting | undefined, paths: Set<string>): string[] {
  if (!formatting) return [];
  const lines = ['## Formatting', ''];
  if (formatting.kind === 'none-found') {
    lines.push('`--formatter auto` found no formatter config with its formatter installed: the rewrite is not reformatted.', '');
    return lines;
  }
  if (formatting.kind === 'hint') {
    const { hint } = formatting;
    lines.push(
      `This project has a ${hint.name} config (\`${hint.config}\`). The rewrite is not reformatted: a moved import may now sort or wrap differently. ` +
        (hint.installed
          ? `Run ${hint.name} on the changed files after applying, or run canonize again with \`--formatter auto\` to have the patch formatted.`
          : `${hint.name} is not installed here; install it (\`npm ci\`) and run canonize with \`--formatter auto\`.`),
      '',
    );
    return lines;
  }
  const { report } = formatting;
  const mine = (list: string[]) => list.filter((p) => paths.has(p));
  const formatted = mine(report.formatted);
  const unchanged = mine(report.unchanged);
  const sorted = new Set(mine(report.importsSorted));
  const before = mine(report.notFormattedBefore).filter((p) => !sorted.has(p));
  const ignored = report.ignored.filter((i) => paths.has(i.path));
  const failures = report.failures.filter((f) => paths.has(f.path));
  lines.push(
    `The changed files went through the project's ${report.formatter.name} ${report.formatter.version}${report.formatter.config ? ` (\`${report.formatter.config}\`)` : ' (its defaults: no config found)'}; the patch holds the formatted result. ` +
      `${plural(formatted.length, 'file')} formatted further, ${unchanged.length} already formatted as rewritten.`,
    '',
  );
  if (before.length > 0) lines.push(`- Not formatted before this run, so left as rewritten (formatting them would add unrelated lines): ${listed(before)}.`);
  if (sorted.size > 0) lines.push(`- Not formatted before this run, but their imports were in order: only the imports were sorted: ${listed([...sorted])}.`);
  for (const i of ignored) lines.push(`- \`${i.path}\`: ${i.reason}; left as rewritten.`);
  for (const f of failures) lines.push(`- \`${f.path}\`: the formatter failed (${f.reason}); the unformatted rewrite stays.`);
  if (before.length + sorted.size + ignored.length + failures.length > 0) lines.push('');
  return lines;
}

/** One line for the terminal, or `undefined` when there is nothing to say. */
export function formattingLine(formatting: Formatting | undefined): string | undefined {
  if (!formatting) return undefined;
  if (formatting.kind === 'none-found') return 'formatter: --formatter auto found no formatter config with its formatter installed; nothing reformatted';
  if (formatting.kind === 'hint') {
    return `formatter: this project has a ${formatting.hint.name} config (${formatting.hint.config}); the rewrite is not reformatted: run ${formatting.hint.name} on the changed files, or add --formatter auto`;
  }
  const r = formatting.report;
  const extra = [
    r.notFormattedBefore.length > r.importsSorted.length ? `${plural(r.notFormattedBefore.length - r.importsSorted.length, 'file')} not formatted before the run, left as rewritten` : '',
    r.importsSorted.length > 0 ? `${plural(r.importsSorted.length, 'file')} not formatted before the run, imports sorted only` : '',
    r.ignored.length > 0 ? `${r.ignored.length} ignored by its config` : '',
    r.failures.length > 0 ? `${r.failures.length} failed (the unformatted rewrite stays; see the summaries)` : '',
  ].filter(Boolean);
  return `formatter: ${r.formatter.name} ${r.formatter.version}${r.formatter.config ? ` (${r.formatter.config})` : ''}: ${plural(r.formatted.length, 'file')} formatted further, ${r.unchanged.length} already formatted${extra.length > 0 ? `; ${extra.join('; ')}` : ''}`;
}
