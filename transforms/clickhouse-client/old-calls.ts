/** Calls of the old `clickhouse` package through one client, as official calls with the same results. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { TextEdit } from '../../src/syntax/edits';
import type { PreparedClickHouse } from './prepare';
import type { ReadSettings } from './settings';
import { isDiscarded, paramsOf, perQueryOptions, visibleSql } from './sql';
import { planRows } from './rows';
import { encodingOf, type FileTypes } from './types';
import { OFFICIAL } from './packages';

export interface OldCallPlan {
  edits: TextEdit[];
  rewrites: Array<{ at: { line: number; column: number }; from: string; to: string }>;
  blockers: Array<{ at: { line: number; column: number }; reason: string }>;
}

/** Which references of the client are not calls and still fine. */
export interface OldCallOptions {
  /** The client's module exports it, and every importer is judged with it (see `exported.ts`). */
  exported?: boolean;
  /** The text of a global cache the client is kept in (`global.ch`): storing the client back there is fine. */
  cache?: string;
}

/**
 * Calls through an old-package client `local`, rewritten to the official API with the same results, or the
 * reasons they cannot be (then nothing of this client changes).
 */
export function planOldCalls(program: NodePath<t.Program>, local: string, settings: ReadSettings, prepared: PreparedClickHouse, source: string, types: () => FileTypes, options: OldCallOptions = {}): OldCallPlan {
  const out: OldCallPlan = { edits: [], rewrites: [], blockers: [] };
  const binding = program.scope.getBinding(local);
  const block = (node: t.Node, reason: string) => out.blockers.push({ at: { line: node.loc!.start.line, column: node.loc!.start.column + 1 }, reason });
  const text = (node: t.Node) => source.slice(node.start!, node.end!);
  const canonicalQuote = prepared.canonical.effective.get('settings.output_format_json_quote_64bit_integers');
  const quote = settings.quote64!;
  const quoteText = quote.kind === 'value' ? String(quote.value) : quote.text;
  const needsQuoteSetting = !(canonicalQuote && canonicalQuote.kind === quote.kind && String(canonicalQuote.kind === 'value' ? canonicalQuote.value : canonicalQuote.text) === quoteText);
  for (const ref of binding?.referencePaths ?? []) {
    const member = ref.parentPath;
    if (options.exported && (ref.isExportNamedDeclaration() || member?.isExportSpecifier() || member?.isExportDefaultDeclaration())) continue;
    if (options.cache !== undefined && member?.isAssignmentExpression({ right: ref.node, operator: '=' }) && text(member.node.left) === options.cache) continue;
    if (!member?.isMemberExpression({ object: ref.node }) || member.node.computed || member.node.property.type !== 'Identifier') {
      block(ref.node, `\`${local}\` is used as a value here (passed on or stored), and its users would call the old API; move them by hand`);
      continue;
    }
    const method = member.node.property.name;
    const call = member.parentPath;
    if (!call?.isCallExpression({ callee: member.node })) {
      block(ref.node, `\`${local}.${method}\` is read or assigned without a call; the official client has no such property`);
      continue;
    }
    const toPromise = call.parentPath;
    const promised = toPromise?.isMemberExpression({ object: call.node }) && !toPromise.node.computed && toPromise.node.property.type === 'Identifier' ? toPromise.node.property.name : undefined;
    const outer = promised === 'toPromise' ? toPromise!.parentPath : undefined;
    if (method !== 'query' && method !== 'insert') {
      block(call.node, `\`${local}.${method}()\` has no counterpart in ${OFFICIAL}: sessions and other old-package calls are converted by hand`);
      continue;
    }
    if (promised !== 'toPromise' || !outer?.isCallExpression({ callee: toPromise!.node })) {
      const how = promised === 'exec' ? 'callback style `.exec(cb)`: turn it into `await` first' : promised === 'stream' ? '`.stream()` consumers get one row per event from the old client and batches of rows from the official one' : promised === 'withTotals' ? '`.withTotals()` returns the whole JSON document' : 'the query is not awaited with `.toPromise()`';
      block(call.node, `${how}; convert this call by hand`);
      continue;
    }
    const args = call.node.arguments;
    const sqlNode = args[0];
    const sql = sqlNode ? visibleSql(sqlNode, ref) : undefined;
    if (!sqlNode || sql === undefined) {
      block(call.node, 'the SQL is built elsewhere, so canonize cannot check it for a FORMAT clause; convert this call by hand');
      continue;
    }
    const resultUnused = isDiscarded(outer);
    const range = { start: ref.node.start!, end: outer.node.end! };
    const at = { line: call.node.loc!.start.line, column: call.node.loc!.start.column + 1 };
    if (method === 'query') {
      if (/\bFORMAT\s+\w+\s*;?\s*$/i.test(sql)) {
        block(call.node, 'the SQL names its own FORMAT, which the official client appends itself; move the format into the call or use `exec`');
        continue;
      }
      if (/\bWITH\s+TOTALS\b/i.test(sql) && !resultUnused) {
        block(call.node, '`WITH TOTALS` makes the old client return the whole JSON document; convert this call by hand');
        continue;
      }
      const kind = statementKind(sql);
      if (!resultUnused && kind !== 'rows') {
        block(call.node, kind === 'command'
          ? 'the old client resolves `{ r: 1 }` for a statement that returns no rows, and this code uses that result; convert this call by hand'
          : 'the old client appends no FORMAT to SQL that does not start with SELECT, WITH, SHOW or EXISTS, and this code uses its result; convert this call by hand');
        continue;
      }
      if (!resultUnused && (settings.oldFormat !== 'json' || settings.oldRaw)) {
        block(call.node, `the old client is configured with format ${JSON.stringify(settings.oldFormat)}${settings.oldRaw ? ' and raw output' : ''}, which shapes results differently; convert this call by hand`);
        continue;
      }
      const fields = [`query: ${text(sqlNode)}`];
      const data = args[1];
      if (data && !(data.type === 'ObjectExpression' && data.properties.length === 0)) {
        const params = paramsOf(data);
        if (params === undefined) {
          block(data, 'the second argument holds more than `params`; convert this call by hand');
          continue;
        }
        const encoded = planParams(params, types, text);
        if ('blocked' in encoded) {
          block(params, `${encoded.blocked}; convert this call by hand`);
          continue;
        }
        fields.push(`query_params: ${encoded.text}`);
      }
      if (args[2]) {
        const options = perQueryOptions(args[2], text);
        if (options === undefined) {
          block(args[2], 'per-query options other than `sessionId` and `queryId` are converted by hand');
          continue;
        }
        fields.push(...options);
      }
      let replacement: string;
      if (resultUnused) {
        replacement = `${local}.command({ ${fields.join(', ')} })`;
      } else {
        fields.splice(1, 0, "format: 'JSONEachRow'");
        if (needsQuoteSetting) fields.push(`clickhouse_settings: { output_format_json_quote_64bit_integers: ${quoteText} }`);
        // `json<Object>()`: the type the old package declared (`Promise<Object[]>`), so every use type-checks as before.
        replacement = `${local}.query({ ${fields.join(', ')} }).then((result) => result.json<Object>())`;
      }
      out.edits.push({ ...range, text: replacement });
      out.rewrites.push({ at, from: source.slice(range.start, range.end).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
      continue;
    }
    // insert
    const insert = /^\s*INSERT\s+INTO\s+([\w.`"]+)\s*(?:\(([^)]*)\))?\s*$/i.exec(sql);
    if (!insert) {
      block(call.node, 'only `INSERT INTO table (columns)` with rows passed separately converts; this statement is converted by hand');
      continue;
    }
    if (!resultUnused) {
      block(call.node, 'the old insert resolves `{ r: 1 }`, which this code uses; convert this call by hand');
      continue;
    }
    const rows = args[1];
    if (!rows) {
      block(call.node, 'there are no rows to insert; convert this insert by hand');
      continue;
    }
    const columns = insert[2]?.split(',').map((c) => c.trim()).filter(Boolean);
    const rowsPlan = planRows({ rows, columns, types, text });
    if ('blocked' in rowsPlan) {
      block(rows, `${rowsPlan.blocked}; the old package sent rows as TabSeparated (Dates as unix seconds, booleans as 1/0, null as an empty string): convert this insert by hand`);
      continue;
    }
    const table = insert[1]!.replace(/[`"]/g, '');
    const values = rowsPlan.values || text(rows);
    const replacement = `${local}.insert({ table: '${table}', values: ${values}, format: '${rowsPlan.format}'${columns && columns.length > 0 ? `, columns: [${columns.map((c) => `'${c}'`).join(', ')}]` : ''} })`;
    out.edits.push({ ...range, text: replacement });
    out.rewrites.push({ at, from: source.slice(range.start, range.end).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
  }
  return out;
}

/**
 * What the old client makes of a statement (it trims the SQL and looks at the first word): `rows` for
 * SELECT, WITH, SHOW and EXISTS, to which it appends `FORMAT JSON` and whose rows it resolves; `command` for
 * statements that answer nothing (it resolves `{ r: 1 }`); `other` where it appends no format and parses
 * whatever comes back (DESCRIBE, EXPLAIN, SQL that starts with a comment or a parenthesis).
 */
export function statementKind(sql: string): 'rows' | 'command' | 'other' {
  const head = sql.trim();
  if (/^(with|select|show|exists)/i.test(head)) return 'rows';
  if (/^(create|drop|insert|alter|truncate|optimize|rename|system|set|use|kill|grant|revoke|attach|detach|delete|update|exchange|undrop)\b/i.test(head)) return 'command';
  return 'other';
}

/**
 * `{ params }` as the official `query_params`, each value encoded as the old package sent it: a Date as
 * rounded unix seconds (the official client sends milliseconds, which `{d:DateTime}` rejects), booleans as
 * 1/0. Values are rewritten only in an object written here; elsewhere they must need no rewrite.
 */
function planParams(params: t.Node, types: () => FileTypes, text: (n: t.Node) => string): { text: string } | { blocked: string } {
  const literal = (n: t.Node) => n.type === 'StringLiteral' || n.type === 'NumericLiteral' || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
  if (params.type === 'ObjectExpression') {
    const parts: string[] = [];
    let changed = false;
    for (const property of params.properties) {
      if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier') return { blocked: 'the parameters object has a spread, a method or a computed key' };
      const value = property.value as t.Expression;
      if (literal(value)) {
        parts.push(text(property));
        continue;
      }
      const ft = types();
      const node = ft.nodeAt(value);
      if (!node) return { blocked: `canonize cannot find the type of the parameter \`${property.key.name}\`` };
      const encoding = encodingOf(ft, ft.checker.getTypeAtLocation(node), { optional: false, nullAsEmpty: false });
      if (encoding.kind === 'blocked') return { blocked: `the parameter \`${property.key.name}\`: ${encoding.why}` };
      if (encoding.kind === 'as-is') parts.push(text(property));
      else {
        parts.push(`${property.key.name}: ${encoding.template.replaceAll('{{}}', text(value))}`);
        changed = true;
      }
    }
    return { text: changed ? `{ ${parts.join(', ')} }` : text(params) };
  }
  const ft = types();
  const node = ft.nodeAt(params);
  if (!node) return { blocked: "canonize cannot find the parameters' type" };
  const type = ft.checker.getTypeAtLocation(node);
  if (type.flags & (ft.ts.TypeFlags.Any | ft.ts.TypeFlags.Unknown)) return { blocked: `the parameters' type is \`${ft.checker.typeToString(type)}\`, so canonize cannot see how their values are encoded` };
  for (const property of ft.checker.getPropertiesOfType(type)) {
    const encoding = encodingOf(ft, ft.checker.getTypeOfSymbol(property), { optional: (property.flags & ft.ts.SymbolFlags.Optional) !== 0, nullAsEmpty: false });
    if (encoding.kind === 'blocked') return { blocked: `the parameter \`${property.name}\`: ${encoding.why}` };
    if (encoding.kind === 'rewrite') return { blocked: `the parameter \`${property.name}\` (\`${ft.checker.typeToString(ft.checker.getTypeOfSymbol(property))}\`) must be sent as the old package encoded it; write the parameters out in the call` };
  }
  return { text: text(params) };
}
