/** Calls of `@apla/clickhouse` (and its `@posthog/clickhouse` fork) through one client, as official calls. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { OldCallPlan } from './old-calls';
import type { aplaSettings } from './settings';
import { isDiscarded, visibleSql } from './sql';

/**
 * Calls through an `@apla/clickhouse` (or `@posthog/clickhouse`) client `local`: `querying(sql)` resolves the
 * whole JSON document (`JSONCompact`, or `JSON` with `dataObjects`), which the official client's `json()`
 * gives for the same format; `pinging()` resolves `'Ok.\n'` or rejects.
 */
export function planAplaCalls(program: NodePath<t.Program>, local: string, settings: ReturnType<typeof aplaSettings>, source: string): OldCallPlan {
  const out: OldCallPlan = { edits: [], rewrites: [], blockers: [] };
  const block = (node: t.Node, reason: string) => out.blockers.push({ at: { line: node.loc!.start.line, column: node.loc!.start.column + 1 }, reason });
  const text = (node: t.Node) => source.slice(node.start!, node.end!);
  for (const ref of program.scope.getBinding(local)?.referencePaths ?? []) {
    const member = ref.parentPath;
    const call = member?.parentPath;
    if (!member?.isMemberExpression({ object: ref.node }) || member.node.computed || member.node.property.type !== 'Identifier' || !call?.isCallExpression({ callee: member.node })) {
      block(ref.node, `\`${local}\` is used here other than by calling querying() or pinging(); move it by hand`);
      continue;
    }
    const method = member.node.property.name;
    const at = { line: call.node.loc!.start.line, column: call.node.loc!.start.column + 1 };
    const range = { start: ref.node.start!, end: call.node.end! };
    let replacement: string | undefined;
    if (method === 'pinging' && call.node.arguments.length === 0) {
      replacement = `${local}.ping().then((result) => (result.success ? 'Ok.\\n' : Promise.reject(result.error)))`;
    } else if (method === 'querying') {
      const [sqlNode, options] = call.node.arguments;
      const sql = sqlNode ? visibleSql(sqlNode, ref) : undefined;
      if (!sqlNode || sql === undefined) {
        block(call.node, 'the SQL is built elsewhere, so canonize cannot check it for a FORMAT clause; convert this call by hand');
        continue;
      }
      if (/\bFORMAT\s+\w+/i.test(sql)) {
        block(call.node, 'the SQL names its own FORMAT; convert this call by hand');
        continue;
      }
      let dataObjects = settings.dataObjects;
      const fields = [`query: ${text(sqlNode)}`];
      if (options) {
        const props = options.type === 'ObjectExpression' ? options.properties : undefined;
        const ok = props?.every((pr) => pr.type === 'ObjectProperty' && !pr.computed && pr.key.type === 'Identifier' && ((pr.key.name === 'dataObjects' && pr.value.type === 'BooleanLiteral') || (pr.key.name === 'queryOptions' && pr.value.type === 'ObjectExpression')));
        if (!ok) {
          block(options, 'per-query options other than `dataObjects` and `queryOptions` are converted by hand');
          continue;
        }
        for (const pr of props as t.ObjectProperty[]) {
          if ((pr.key as t.Identifier).name === 'dataObjects') dataObjects = (pr.value as t.BooleanLiteral).value;
          else fields.push(`clickhouse_settings: ${text(pr.value)}`);
        }
      }
      if (isDiscarded(call)) {
        replacement = `${local}.command({ ${fields.join(', ')} })`;
      } else if (/^\s*(SELECT|WITH|SHOW|DESC|DESCRIBE|EXISTS\s+TABLE)\b/i.test(sql)) {
        if (/\.transferred\b/.test(source)) {
          block(call.node, 'this file reads `.transferred`, which only the old client adds to the document; convert it by hand');
          continue;
        }
        fields.splice(1, 0, `format: '${dataObjects ? 'JSON' : 'JSONCompact'}'`);
        replacement = `${local}.query({ ${fields.join(', ')} }).then((result) => result.json())`;
      } else {
        block(call.node, 'the old client resolves the raw response text of a statement that returns no rows; convert this call by hand');
        continue;
      }
    } else {
      block(call.node, `\`${local}.${method}()\` (a stream or a callback) has no direct counterpart; convert it by hand`);
      continue;
    }
    out.edits.push({ ...range, text: replacement });
    out.rewrites.push({ at, from: text(call.node).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
  }
  return out;
}
