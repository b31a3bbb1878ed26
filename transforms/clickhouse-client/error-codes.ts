/**
 * Error codes: a number from the old package (`e.code === 60`), a string from the official client (`'60'`).
 * Every read of an error's `code` in the file is converted or blocks the conversion: in `catch (e)`,
 * `catch ({ code })`, and the handlers of `.catch(…)` and `.then(…, …)`.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { TextEdit } from '../../src/syntax/edits';
import { placeOf, type Blocker } from './file';
import { OFFICIAL } from './packages';

export interface ErrorCodePlan {
  edits: TextEdit[];
  /** Reads canonize cannot convert: the client stays. */
  blockers: Blocker[];
  /** Errors thrown on to callers, who may read their codes: told to the reviewer. */
  notes: Blocker[];
}

/**
 * `e.code === 60` => `Number(e.code) === 60`, and `switch (e.code)` with numeric cases => `switch
 * (Number(e.code))`: the same branch for the old number and the official string (and for string codes
 * such as `'ECONNRESET'`, which match no number either way). Any other read blocks.
 */
export function planErrorCodes(program: NodePath<t.Program>, source: string): ErrorCodePlan {
  const out: ErrorCodePlan = { edits: [], blockers: [], notes: [] };
  const text = (node: t.Node) => source.slice(node.start!, node.end!);
  const read = (path: NodePath, label: string) => convertRead(path, label, out, text);
  const holder = (param: t.Node | null | undefined, scope: NodePath) => {
    if (!param) return;
    if (param.type === 'Identifier') {
      for (const ref of scope.scope.getBinding(param.name)?.referencePaths ?? []) {
        let object: NodePath = ref;
        while (object.parentPath && (object.parentPath.isTSAsExpression() || object.parentPath.isTSNonNullExpression() || object.parentPath.isTSTypeAssertion() || object.parentPath.isParenthesizedExpression())) object = object.parentPath;
        const member = object.parentPath;
        if (member?.isMemberExpression({ object: object.node }) && !member.node.computed && member.node.property.type === 'Identifier' && member.node.property.name === 'code') {
          read(member, `${param.name}.code`);
        } else if (member?.isMemberExpression({ object: object.node }) && member.node.computed && member.node.property.type === 'StringLiteral' && member.node.property.value === 'code') {
          read(member, `${param.name}['code']`);
        } else if (member?.isVariableDeclarator({ init: object.node }) && member.node.id.type === 'ObjectPattern') {
          holder(member.node.id, member);
        } else if (member?.isThrowStatement()) {
          out.notes.push({ at: placeOf(member.node), reason: `this error is thrown on: its \`code\` is now a string (${OFFICIAL}), so code that catches it elsewhere and compares \`code\` with a number must use \`Number(code)\`` });
        }
      }
      return;
    }
    if (param.type === 'ObjectPattern') {
      for (const property of param.properties) {
        if (property.type === 'RestElement') {
          out.blockers.push({ at: placeOf(property), reason: 'the error is taken apart with a rest element, which carries its `code` on; convert it by hand' });
          continue;
        }
        const key = property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
        if (key !== 'code') continue;
        const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (value.type !== 'Identifier') {
          out.blockers.push({ at: placeOf(property), reason: 'the error code is taken apart further here; convert it by hand' });
          continue;
        }
        for (const ref of scope.scope.getBinding(value.name)?.referencePaths ?? []) read(ref, value.name);
      }
    }
  };
  program.traverse({
    CatchClause(path) {
      holder(path.node.param, path);
    },
    CallExpression(path) {
      const callee = path.node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
      const handler = callee.property.name === 'catch' ? path.node.arguments[0] : callee.property.name === 'then' ? path.node.arguments[1] : undefined;
      if (handler?.type !== 'ArrowFunctionExpression' && handler?.type !== 'FunctionExpression') return;
      const fn = path.get(`arguments.${path.node.arguments.indexOf(handler)}`) as NodePath;
      holder(handler.params[0], fn);
    },
  });
  return out;
}

/** One read of an error code: converted where the branch taken stays the same, else a blocker. */
function convertRead(path: NodePath, label: string, out: ErrorCodePlan, text: (n: t.Node) => string): void {
  let node: NodePath = path;
  while (node.parentPath && (node.parentPath.isTSAsExpression() || node.parentPath.isTSNonNullExpression() || node.parentPath.isParenthesizedExpression())) node = node.parentPath;
  const parent = node.parentPath;
  const wrap = () => out.edits.push({ start: path.node.start!, end: path.node.end!, text: `Number(${text(path.node)})` });
  if (parent?.isBinaryExpression() && ['===', '==', '!==', '!='].includes(parent.node.operator)) {
    const other = parent.node.left === node.node ? parent.node.right : parent.node.left;
    if (other.type === 'NumericLiteral') return void wrap();
    if (other.type === 'StringLiteral' && !/^\s*\d+\s*$/.test(other.value)) return;
  }
  if (parent?.isSwitchStatement({ discriminant: node.node })) {
    const tests = parent.node.cases.flatMap((c) => (c.test ? [c.test] : []));
    if (tests.every((c) => c.type === 'NumericLiteral')) return void wrap();
    if (tests.every((c) => c.type === 'StringLiteral' && !/^\s*\d+\s*$/.test(c.value))) return;
  }
  out.blockers.push({ at: placeOf(path.node), reason: `error codes are numbers from the old package and strings from ${OFFICIAL} ("60", not 60): this use of \`${label}\` would change; convert it by hand` });
}
