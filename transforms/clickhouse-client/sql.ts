/** Reading the SQL and the arguments of a call as they are written, and how its result is used. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/** A statement whose promise's value nobody reads: `await x;`, `x;`, `void x;`. */
export function isDiscarded(path: NodePath): boolean {
  let p: NodePath | null = path.parentPath;
  if (p?.isAwaitExpression() || p?.isUnaryExpression({ operator: 'void' })) p = p.parentPath;
  return !!p?.isExpressionStatement();
}

/** The SQL text when it is written here (a literal, or a const initialised with one). */
export function visibleSql(node: t.Node, from: NodePath): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('${…}');
  if (node.type === 'Identifier') {
    const binding = from.scope.getBinding(node.name);
    const declarator = binding?.path.node;
    if (binding?.kind === 'const' && declarator?.type === 'VariableDeclarator' && declarator.init) return visibleSql(declarator.init, binding.path);
  }
  return undefined;
}

/** The old client's per-query `{ sessionId, queryId }` as the official call's `session_id` and `query_id`. */
export function perQueryOptions(node: t.Node, text: (n: t.Node) => string): string[] | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  const names: Record<string, string> = { sessionId: 'session_id', queryId: 'query_id' };
  const out: string[] = [];
  for (const property of node.properties) {
    if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier' || !names[property.key.name]) return undefined;
    out.push(`${names[property.key.name]}: ${text(property.value)}`);
  }
  return out;
}

/** `{ params: X }` => X. */
export function paramsOf(node: t.Node): t.Node | undefined {
  if (node.type !== 'ObjectExpression' || node.properties.length !== 1) return undefined;
  const only = node.properties[0]!;
  if (only.type !== 'ObjectProperty' || only.computed || only.key.type !== 'Identifier' || only.key.name !== 'params') return undefined;
  return only.value;
}
