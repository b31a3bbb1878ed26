/** Error codes: a number from the old package, a string from the official client. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { TextEdit } from '../../src/syntax/edits';
import { placeOf, type Blocker } from './file';
import { OFFICIAL } from './packages';

/** `catch (e) { if (e.code === 60) … }`: the official client's codes are strings, so compare `Number(e.code)`. */
export function planErrorCodes(program: NodePath<t.Program>, source: string): { edits: TextEdit[]; manual: Blocker[] } {
  const edits: TextEdit[] = [];
  const manual: Blocker[] = [];
  program.traverse({
    CatchClause(path) {
      const param = path.node.param;
      if (param?.type !== 'Identifier') return;
      for (const ref of path.scope.getBinding(param.name)?.referencePaths ?? []) {
        // `e.code`, `(e as X).code`, `e!.code`
        let object: NodePath = ref;
        while (object.parentPath && (object.parentPath.isTSAsExpression() || object.parentPath.isTSNonNullExpression() || object.parentPath.isTSTypeAssertion() || object.parentPath.isParenthesizedExpression())) object = object.parentPath;
        const member = object.parentPath;
        if (!member?.isMemberExpression({ object: object.node }) || member.node.computed || member.node.property.type !== 'Identifier' || member.node.property.name !== 'code') continue;
        const compare = member.parentPath;
        const other = compare?.isBinaryExpression() ? (compare.node.left === member.node ? compare.node.right : compare.node.left) : undefined;
        if (compare?.isBinaryExpression() && ['===', '==', '!==', '!='].includes(compare.node.operator) && other?.type === 'NumericLiteral') {
          edits.push({ start: member.node.start!, end: member.node.end!, text: `Number(${source.slice(member.node.start!, member.node.end!)})` });
        } else {
          manual.push({ at: placeOf(member.node), reason: `error codes are strings in ${OFFICIAL} ("60", not 60): check this use of \`${param.name}.code\`` });
        }
      }
    },
  });
  return { edits, manual };
}
