/**
 * Rows an old-package insert sends, as official `insert({ values })` with the same data landing: the row
 * type is read with TypeScript's checker (aliases, intersections, generics, classes, inherited members), and
 * each listed column is sent as the old package encoded it (see `types.ts`), or the insert is not converted.
 */
import type * as t from '@babel/types';
import { encodingOf, type FileTypes } from './types';

export type RowsPlan = { values: string; format: 'JSONEachRow' | 'JSONCompactEachRow' } | { blocked: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The `values` to send for `rows` into `columns` (the INSERT's column list, as written). */
export function planRows(args: { rows: t.Node; columns: string[] | undefined; types: () => FileTypes; text: (n: t.Node) => string }): RowsPlan {
  const { rows, columns, text } = args;
  if (rows.type === 'ArrayExpression' && rows.elements.length > 0 && rows.elements.every((e) => e?.type === 'ArrayExpression')) return literalArrayRows(rows);
  if (!columns || columns.length === 0) return { blocked: 'the INSERT names no columns, and the old package refuses object rows without a column list' };
  const quoted = columns.find((c) => !IDENTIFIER.test(c));
  if (quoted) return { blocked: `the column \`${quoted}\` is quoted or not a plain name, and the old package read the row's field by that text as written` };
  const types = args.types();
  const { ts, checker } = types;
  const node = types.nodeAt(rows);
  if (!node) return { blocked: "canonize cannot find the rows' type" };
  const type = checker.getTypeAtLocation(node);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { blocked: `the rows' type is \`${checker.typeToString(type)}\`, so canonize cannot see their fields` };
  const element = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
  if (!element) return { blocked: `the rows are not an array (\`${checker.typeToString(type)}\`)` };
  if (element.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { blocked: `each row's type is \`${checker.typeToString(element)}\`, so canonize cannot see its fields` };
  if (checker.isArrayLikeType(element)) return { blocked: 'rows given as arrays are converted only when written out here' };
  const fields: string[] = [];
  let direct = true;
  for (const column of columns) {
    const property = checker.getPropertyOfType(element, column);
    if (!property) return { blocked: `a row has no field \`${column}\`, which the old package sent as an empty string` };
    const encoding = encodingOf(types, checker.getTypeOfSymbol(property), { optional: (property.flags & ts.SymbolFlags.Optional) !== 0, nullAsEmpty: true });
    if (encoding.kind === 'blocked') return { blocked: `the field \`${column}\`: ${encoding.why}` };
    const access = `row.${column}`;
    fields.push(encoding.kind === 'as-is' ? `${column}: ${access}` : `${column}: ${encoding.template.replaceAll('{{}}', access)}`);
    if (encoding.kind !== 'as-is') direct = false;
  }
  // JSON sends every own field; the old package sent the listed ones, read as `row[column]` (getters too).
  const names = checker.getPropertiesOfType(element).map((p) => p.name);
  const isClass = (element.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class;
  if (direct && !isClass && names.every((n) => columns.includes(n))) return { values: text(rows), format: 'JSONEachRow' };
  return { values: `${text(rows)}.map((row) => ({ ${fields.join(', ')} }))`, format: 'JSONEachRow' };
}

/** `[[1, 'one'], [2, null]]`: arrays of literals go as JSONCompactEachRow (null is NULL in both encodings). */
function literalArrayRows(rows: t.ArrayExpression): RowsPlan {
  for (const element of rows.elements as t.ArrayExpression[]) {
    for (const v of element.elements) {
      if (!v) continue;
      if (v.type === 'BooleanLiteral') return { blocked: 'a row holds a boolean, which the old package sent as 1/0' };
      if (!['StringLiteral', 'NumericLiteral', 'NullLiteral'].includes(v.type) && !(v.type === 'TemplateLiteral' && v.expressions.length === 0)) return { blocked: 'a row holds a value whose type canonize cannot see' };
    }
  }
  return { values: '', format: 'JSONCompactEachRow' };
}
