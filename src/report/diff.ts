/** A patch for the terminal: coloured when the terminal shows colours, plain otherwise. No I/O. */

export interface Colors {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/** Colours a unified diff line by line: headers bold, hunks cyan, removals red, additions green. */
export function colorPatch(patch: string, colors: Colors): string {
  return patch
    .split('\n')
    .map((line) => {
      if (/^(diff --git |--- |\+\+\+ |deleted file mode )/.test(line)) return colors.bold(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      if (line.startsWith('+')) return colors.green(line);
      if (line.startsWith('-')) return colors.red(line);
      return line;
    })
    .join('\n');
}
