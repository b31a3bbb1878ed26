/** Text edits on the original source: only the edited ranges change, everything else stays byte for byte. */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits. Edits at the same offset are applied in the order given.
 * @example applyEdits('a "x" b', [{ start: 3, end: 4, text: 'y' }]) => 'a "y" b'
 */
export function applyEdits(source: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

/**
 * The range that removes a whole statement: with its line when nothing else stands on that line.
 * @example lineRange('a;\nimport x from "y";\nb;', 3, 21) => { start: 3, end: 22 }
 */
export function statementRemoval(source: string, start: number, end: number): TextEdit {
  let lineStart = start;
  while (lineStart > 0 && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < source.length && (source[lineEnd] === ' ' || source[lineEnd] === '\t')) lineEnd++;
  const ownsLine = (lineStart === 0 || source[lineStart - 1] === '\n') && (lineEnd === source.length || source[lineEnd] === '\n' || source[lineEnd] === '\r');
  if (!ownsLine) return { start, end, text: '' };
  if (source[lineEnd] === '\r') lineEnd++;
  if (source[lineEnd] === '\n') lineEnd++;
  return { start: lineStart, end: lineEnd, text: '' };
}

/** The line terminator a file mostly uses. */
export function lineTerminatorOf(source: string): string {
  const crlf = source.split('\r\n').length - 1;
  const lf = source.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}
