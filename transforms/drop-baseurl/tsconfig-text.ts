/**
 * Editing a tsconfig's text (JSONC: comments, trailing commas) without disturbing the rest of it: the tree
 * comes from jsonc-parser, and each edit replaces only the range it must. Removing `baseUrl` takes its line
 * (with a comment on the same line, which describes it) and keeps every other comment, including the
 * commented-out options `tsc --init` writes between properties.
 */
import { findNodeAtLocation, modify, applyEdits as applyJsonEdits, parseTree, type Node } from 'jsonc-parser';
import { applyEdits, lineTerminatorOf, type TextEdit } from '../../src/syntax/edits';

/** What to change in one tsconfig text. */
export interface TsconfigTextEdit {
  /** Remove `compilerOptions.baseUrl`. */
  removeBaseUrl: boolean;
  /** New texts of `compilerOptions.paths` values: key => index => value. */
  pathValues: Map<string, Map<number, string>>;
  /** Write `compilerOptions.paths` whole (when inherited `paths` would otherwise change meaning). */
  paths?: Record<string, string[]>;
}

/** Applies `edit` to a tsconfig's text; only the edited ranges change. */
export function editTsconfigText(text: string, edit: TsconfigTextEdit): string {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!tree) return text;
  const edits: TextEdit[] = [];
  if (edit.removeBaseUrl) {
    const removal = propertyRemoval(text, tree, ['compilerOptions', 'baseUrl']);
    if (removal) edits.push(...removal);
  }
  for (const [key, values] of edit.pathValues) {
    for (const [index, value] of values) {
      const node = findNodeAtLocation(tree, ['compilerOptions', 'paths', key, index]);
      if (node?.type === 'string') edits.push({ start: node.offset, end: node.offset + node.length, text: JSON.stringify(value) });
    }
  }
  let out = applyEdits(text, edits);
  if (edit.paths) {
    // Written by jsonc-parser's formatter, in the file's own indentation and line ends.
    out = applyJsonEdits(out, modify(out, ['compilerOptions', 'paths'], edit.paths, { formattingOptions: formattingOf(out) }));
  }
  return out;
}

/** The property's own text from a JSONC tree (`undefined` when absent), for reading what a file declares. */
export function propertyNode(tree: Node | undefined, path: string[]): Node | undefined {
  return tree ? findNodeAtLocation(tree, path) : undefined;
}

/**
 * The edits that remove the property at `path`: its whole line when it stands alone there (a comment after
 * it on that line goes with it), and the comma that separated it from its neighbour.
 */
function propertyRemoval(text: string, tree: Node, path: string[]): TextEdit[] | undefined {
  const value = findNodeAtLocation(tree, path);
  const property = value?.parent;
  const object = property?.parent;
  if (!property || property.type !== 'property' || !object) return undefined;
  const siblings = object.children ?? [];
  const index = siblings.indexOf(property);
  const start = property.offset;
  const end = property.offset + property.length;
  const after = skipTrivia(text, end);
  const edits: TextEdit[] = [];
  let removeTo = end;
  if (text[after] === ',') removeTo = after + 1;
  else if (index > 0) {
    // The last property goes: the comma after the one before it goes too (comments around it stay).
    const previous = siblings[index - 1]!;
    const comma = skipTrivia(text, previous.offset + previous.length);
    if (text[comma] === ',') edits.push({ start: comma, end: comma + 1, text: '' });
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const ownsStart = /^[ \t]*$/.test(text.slice(lineStart, start));
  const rest = /^[ \t]*(\/\/[^\r\n]*|\/\*[^\r\n]*?\*\/)?[ \t]*(\r?\n|$)/.exec(text.slice(removeTo));
  if (ownsStart && rest) edits.push({ start: lineStart, end: removeTo + rest[0].length, text: '' });
  else edits.push({ start, end: removeTo + (/^[ \t]*/.exec(text.slice(removeTo))?.[0].length ?? 0), text: '' });
  return edits;
}

/** The offset of the next token at or after `from`, past whitespace and comments. */
function skipTrivia(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else return i;
  }
}

/** The file's indentation and line ends, for text jsonc-parser writes. */
function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: lineTerminatorOf(text) };
}
