/** The summary sections of drop-baseurl: the tsconfigs, the resolution proof, and the other resolvers. */
import * as path from 'node:path';
import { toPosix } from '../../src/files/paths';
import type { Difference, ProgramProof } from './proof';
import type { OtherResolvers } from './other-resolvers';

/** At most this many differences are listed per program; the rest are counted. */
const MAX_LISTED = 30;

export interface ReportInput {
  rootDir: string;
  typescript: string;
  proofs: ProgramProof[];
  /** Tsconfig files edited, with what changed in each. */
  edited: Array<{ file: string; what: string[] }>;
  /** Tsconfigs left as they are, with why. */
  kept: Array<{ file: string; reason: string }>;
  unreadable: Array<{ file: string; reason: string }>;
  /** Files the run read: a difference elsewhere is in a file outside the run. */
  inRun: (file: string) => boolean;
  other: OtherResolvers;
  /** How many rewritten specifiers use a `paths` alias. */
  aliasRewrites: number;
  /** Component files (Vue, Svelte, Astro, MDX) below an affected tsconfig: not parsed, so not rewritten or checked. */
  unparsed: string[];
}

export function reportLines(input: ReportInput): string[] {
  const rel = (file: string) => toPosix(path.relative(input.rootDir, file)) || '.';
  const lines: string[] = ['## tsconfig', ''];
  for (const e of input.edited) lines.push(`- \`${rel(e.file)}\`: ${e.what.join('; ')}.`);
  for (const k of input.kept) lines.push(`- \`${rel(k.file)}\`: **kept as it is** (baseUrl stays): ${k.reason}.`);
  for (const u of input.unreadable) lines.push(`- \`${rel(u.file)}\`: not read by TypeScript, so not checked: ${u.reason}`);
  if (input.edited.length === 0 && input.kept.length === 0) lines.push('- No tsconfig sets `baseUrl`: nothing to do.');
  lines.push('');

  const total = input.proofs.reduce((n, p) => n + p.specifiers, 0);
  const same = input.proofs.reduce((n, p) => n + p.same, 0);
  const files = new Set(input.proofs.flatMap((p) => p.files)).size;
  lines.push('## Resolution proof', '');
  lines.push(
    `Every specifier of every file of each tsconfig below was resolved with TypeScript ${input.typescript}'s resolver twice: before (the text and the tsconfigs as they were) and after (the rewritten text, the edited tsconfigs). A file that several tsconfigs include is checked under each. Stylesheets and other files TypeScript does not resolve are matched by their exact path.`,
    '',
  );
  lines.push('| tsconfig | files | specifiers | same file before and after | differ |', '| --- | ---: | ---: | ---: | ---: |');
  for (const p of input.proofs) lines.push(`| \`${p.program.label}\` | ${p.files.length} | ${p.specifiers} | ${p.same} | ${p.differences.length + p.packages.length + p.generated.length} |`);
  lines.push('');
  const differing = input.proofs.reduce((n, p) => n + p.differences.length, 0);
  const packages = input.proofs.reduce((n, p) => n + p.packages.length, 0);
  const built = input.proofs.reduce((n, p) => n + p.generated.length, 0);
  const packageNote = packages > 0 ? `; ${packages} name${packages === 1 ? 's' : ''} a package and now resolve${packages === 1 ? 's' : ''} to it (below)` : '';
  const builtNote = built > 0 ? `; ${built} ${built === 1 ? 'is' : 'are'} in build output or generated files (below)` : '';
  lines.push(`**${same} of ${total} specifier resolutions (${files} files) resolve to the same file before and after${packageNote}${builtNote}.**`, '');
  if (packages > 0) {
    lines.push(
      `Left as the package (listed under "Left for a human"): a bare specifier that names an installed package or a Node built-in, which TypeScript resolved through baseUrl to a project folder of the same name. Without baseUrl TypeScript resolves it to the package, which is what loads at run time.`,
      '',
    );
  }
  if (differing > 0) {
    lines.push('### Would resolve to another file (their tsconfig is kept)', '');
    for (const p of input.proofs.filter((x) => x.differences.length > 0)) {
      lines.push(`\`${p.program.label}\`: ${p.differences.length}`);
      for (const d of p.differences.slice(0, MAX_LISTED)) lines.push(`- ${describeDifference(d, rel, input.inRun(d.file))}`);
      if (p.differences.length > MAX_LISTED) lines.push(`- … and ${p.differences.length - MAX_LISTED} more`);
      lines.push('');
    }
  }

  const generated = input.proofs.flatMap((p) => p.generated);
  const unique = [...new Map(generated.map((d) => [`${d.file}:${d.line}:${d.column}`, d])).values()];
  if (unique.length > 0) {
    lines.push(
      '### In build output or generated files (rebuild or regenerate them)',
      '',
      'These files are not among the sources (git ignores them, or no tsconfig includes them), but a program reaches them. They were made from the old text and keep its spellings: remake them after applying this patch.',
      '',
    );
    for (const d of unique.slice(0, MAX_LISTED)) lines.push(`- ${describeDifference(d, rel, true)}`);
    if (unique.length > MAX_LISTED) lines.push(`- … and ${unique.length - MAX_LISTED} more`);
    lines.push('');
  }

  if (input.unparsed.length > 0) {
    const n = input.unparsed.length;
    lines.push(
      `### Not read: ${n} component file${n === 1 ? '' : 's'}`,
      '',
      `canonize does not parse Vue, Svelte, Astro or MDX files, so their imports were neither rewritten nor checked. Before applying this patch, make sure none imports through baseUrl (a bare specifier such as \`components/Button\`): ${input.unparsed.slice(0, MAX_LISTED).map((f) => `\`${rel(f)}\``).join(', ')}${n > MAX_LISTED ? ` and ${n - MAX_LISTED} more` : ''}.`,
      '',
    );
  }

  lines.push('## Other resolvers', '');
  if (input.aliasRewrites > 0) {
    lines.push(
      `${input.aliasRewrites} rewritten specifier${input.aliasRewrites === 1 ? ' uses' : 's use'} a tsconfig \`paths\` alias. Whatever runs or bundles the code must resolve it too: Next.js reads the tsconfig's \`paths\`; Vite needs \`vite-tsconfig-paths\` or \`resolve.alias\`; webpack \`tsconfig-paths-webpack-plugin\` or \`resolve.alias\`; jest \`moduleNameMapper\`. Where one does not, run with \`"prefer": "relative"\`.`,
      '',
    );
  }
  const jestNotes = input.other.notes.length;
  if (jestNotes > 0) lines.push(`${jestNotes} jest setting${jestNotes === 1 ? '' : 's'} to look at (listed under "Notes for the reviewer"); nothing in this patch changes them.`, '');
  lines.push(
    `Bundler settings are code, out of canonize's reach: webpack \`resolve.modules\`/\`resolve.alias\`, Vite \`resolve.alias\` and babel-plugin-module-resolver \`root\` may still accept the old bare spellings, and nothing in this patch needs them to. ${
      input.other.codeConfigs.length > 0 ? `Found here: ${input.other.codeConfigs.map((c) => `\`${c}\``).join(', ')}.` : 'None found beside the tsconfigs.'
    }`,
    '',
  );
  return lines;
}

function describeDifference(d: Difference, rel: (file: string) => string, inRun: boolean): string {
  const where = `\`${rel(d.file)}:${d.line}:${d.column}\``;
  if (d.reason) return `${where}: ${d.reason}`;
  const spelling = d.from === d.to ? `\`${d.from}\`` : `\`${d.from}\` → \`${d.to}\``;
  const outside = inRun ? '' : ' (the file is not among the files this run reads: run over it too)';
  return `${where} ${spelling}: ${d.before ? rel(d.before) : 'unresolved'} before, ${d.after ? rel(d.after) : 'unresolved'} after${outside}`;
}
