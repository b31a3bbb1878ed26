/** How the proof reads in the summary and on the terminal (src/verify/prove.ts): strings, no I/O. */
import type { IssueResult } from '../plan/run';
import type { IssueProof } from '../verify/prove';

const MAX_DIFFERENCES_PER_FILE = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "312 bindings and 14 export lists unchanged, checked by TypeScript 5.9", or why there is no proof. */
export function proofSentence(issue: IssueResult): string | undefined {
  const proof = issue.proof;
  if (!proof) return issue.changes.length > 0 ? 'not proven (--no-verify)' : undefined;
  if (proof.bindings === 0 && proof.exportLists === 0 && proof.replaced === 0 && proof.blocked.length === 0 && proof.intended.length === 0) return undefined;
  const replaced = proof.replaced > 0 ? `, ${plural(proof.replaced, 'name')} replaced as the config says` : '';
  return `${plural(proof.bindings, 'binding')} and ${plural(proof.exportLists, 'export list')} unchanged${replaced}, checked by TypeScript ${proof.typescript}`;
}

/** The terminal's line under an issue's line: `  proof: …`, or nothing when nothing was compared. */
export function proofLine(issue: IssueResult): string | undefined {
  const sentence = proofSentence(issue);
  const blocked = issue.proof?.blocked.length ?? 0;
  // Skipped on request (--no-verify): the summary says so; the terminal need not, once per issue.
  if (!sentence || !issue.proof) return undefined;
  const intended = issue.proof.intended.length;
  return `  proof: ${sentence}${blocked > 0 ? `; ${plural(blocked, 'file')} blocked (see the summary)` : ''}${intended > 0 ? `; ${plural(intended, 'file')} changed in meaning by a jscodeshift transform, kept (see the summary)` : ''}`;
}

/** The summary's proof section: what was proven, and each blocked file with what differed. */
export function proofSection(issue: IssueResult): string[] {
  const proof = issue.proof;
  const sentence = proofSentence(issue);
  if (!sentence) return [];
  const lines = ['## Proof', ''];
  if (!proof) {
    lines.push('Not proven: this run skipped the check (`--no-verify`).', '');
    return lines;
  }
  lines.push(
    `**${sentence[0]!.toUpperCase()}${sentence.slice(1)}.** In every changed file, each import and re-export resolves to the same declaration as before, and each changed module exports the same names with the same meaning (value or type). Deleted shims and created files are not compared.`,
    '',
  );
  if (proof.replaced > 0) {
    lines.push(`${plural(proof.replaced, 'name')} now ${proof.replaced === 1 ? 'stands' : 'stand'} for the declaration this issue's config puts in place of ${proof.replaced === 1 ? 'its' : 'their'} own (a module with code of its own, or an old package, replaced by its target): the same name, from the module the config names. Review these as changes of implementation.`, '');
  }
  if (proof.notCompared > 0) {
    lines.push(`${plural(proof.notCompared, 'binding')} not compared: TypeScript resolves them neither before nor after (a module without types), or the migration renamed or removed them.`, '');
  }
  lines.push(
    ...fileSection('Blocked by the proof', 'These changes would have changed what the file means; they are not in the patch, and their references are listed as left for a human.', proof.blocked),
    ...fileSection('Changed in meaning by a jscodeshift transform', "A transform of yours changed what these files import or export. That is the transform's to decide, so the changes stay; check them.", proof.intended),
  );
  return lines;
}

/** A heading, a sentence, and each file with its first differences; nothing when there are no files. */
function fileSection(title: string, intro: string, files: IssueProof['blocked']): string[] {
  if (files.length === 0) return [];
  const lines = [`### ${title}`, '', intro, ''];
  for (const b of files) {
    lines.push(`- \`${b.path}\``);
    for (const d of b.differences.slice(0, MAX_DIFFERENCES_PER_FILE)) lines.push(`  - ${d.line > 0 ? `line ${d.line}: ` : ''}${d.what}`);
    if (b.differences.length > MAX_DIFFERENCES_PER_FILE) lines.push(`  - … and ${b.differences.length - MAX_DIFFERENCES_PER_FILE} more`);
  }
  lines.push('');
  return lines;
}
