/**
 * Lines of a text: where each starts, and which line an offset is on (by binary search). Positions are
 * reported in each caller's convention (Babel's 1-based line and column, TypeScript's 0-based line and
 * character); the line breaks counted are the caller's too.
 */

/** Babel's and TypeScript's line terminators: `\r\n`, `\n`, `\r`, U+2028, U+2029. */
export const LINE_TERMINATORS = /\r\n?|[\n\u2028\u2029]/g;

/** Offsets where each line starts, lines being ended by `terminator` (a global regular expression). */
export function lineStarts(source: string, terminator: RegExp = LINE_TERMINATORS): number[] {
  const starts = [0];
  // The two terminators in use are scanned by character code: a regular expression's match is an object per
  // line, and the spelling job takes the lines of every file it changes.
  if (terminator.source === LINE_TERMINATORS.source) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
      else if (c === 13) {
        if (source.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }
  if (terminator.source === '\\n') {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  const found = new RegExp(terminator.source, 'g');
  for (let m = found.exec(source); m; m = found.exec(source)) starts.push(m.index + m[0].length);
  return starts;
}

/** The 0-based index of the line (of `starts`, from {@link lineStarts}) that holds `offset`. */
export function lineIndex(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
