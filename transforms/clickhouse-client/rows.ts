/** Rows an old-package insert sends: whether JSON carries them unchanged. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/** Why rows cannot go as JSON unchanged (a Date or boolean field, or a type canonize cannot see), if so. */
export function rowsTrap(rows: t.Node, from: NodePath, source: string): string | undefined {
  if (rows.type === 'ArrayExpression') {
    for (const element of rows.elements) {
      const values = element?.type === 'ObjectExpression' ? element.properties.map((pr) => (pr.type === 'ObjectProperty' ? pr.value : pr)) : element?.type === 'ArrayExpression' ? element.elements : [element];
      for (const v of values) {
        if (!v) continue;
        if (v.type === 'BooleanLiteral') return 'a row holds a boolean';
        if (v.type === 'NewExpression' && v.callee.type === 'Identifier' && v.callee.name === 'Date') return 'a row holds a Date';
        if (!['StringLiteral', 'NumericLiteral', 'NullLiteral', 'TemplateLiteral'].includes(v.type)) return 'a row holds a value whose type canonize cannot see';
      }
    }
    return undefined;
  }
  if (rows.type !== 'Identifier') return "the rows' type is not visible here";
  const binding = from.scope.getBinding(rows.name);
  const id = binding?.path.isVariableDeclarator() ? (binding.path.node.id as t.Identifier) : (binding?.path.node as t.Identifier | undefined);
  const annotation = id && 'typeAnnotation' in id ? (id.typeAnnotation as t.TSTypeAnnotation | null | undefined) : undefined;
  if (!annotation) return `the rows' declared type is not written on \`${rows.name}\``;
  let type: t.TSType = annotation.typeAnnotation;
  if (type.type === 'TSArrayType') type = type.elementType;
  else if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && ['Array', 'ReadonlyArray'].includes(type.typeName.name) && type.typeParameters?.params[0]) type = type.typeParameters.params[0];
  const members = membersOf(type, from, source);
  if (!members) return `the rows' type is declared in another module, so canonize cannot check it for Date or boolean fields`;
  if (/\bDate\b/.test(members)) return "the rows' type has a Date field";
  if (/\bboolean\b/.test(members)) return "the rows' type has a boolean field";
  return undefined;
}

/** The text of a row type's members, when the type is written in this file. */
function membersOf(type: t.TSType, from: NodePath, source: string): string | undefined {
  const program = from.scope.getProgramParent().path.node as t.Program;
  const textOf = (n: t.Node) => source.slice(n.start!, n.end!);
  if (type.type === 'TSTypeLiteral') return textOf(type);
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
  const name = type.typeName.name;
  for (const statement of program.body) {
    const declared = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declared?.type === 'TSInterfaceDeclaration' && declared.id.name === name) return textOf(declared.body);
    if (declared?.type === 'TSTypeAliasDeclaration' && declared.id.name === name) return textOf(declared.typeAnnotation);
  }
  return undefined;
}
