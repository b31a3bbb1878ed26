/**
 * How a file uses the names its imports bind, scope-aware. Values come from Babel's scope analysis (a local
 * that shadows an import is not a use of it); type references, which Babel's scope does not track, are
 * matched by name with type parameters and nested type declarations shadowing them.
 */
import type { NodePath, Visitor } from '@babel/traverse';
import type * as t from '@babel/types';
import { nameOf } from '../../src/syntax/references';

/** One place a binding's name is written, and how to write another name there without changing meaning. */
export type Use =
  /** An identifier (value, type or JSX tag): replace its text. */
  | { kind: 'plain'; start: number; end: number }
  /** `{ X }` in an object literal: becomes `{ X: New }` so the property keeps its key. */
  | { kind: 'shorthand'; start: number; end: number; key: string }
  /** `export { X }` / `export { X as Y }`: the public name stays. */
  | { kind: 'export'; start: number; end: number; exported: string; sameText: boolean };

/** How a namespace binding (`import * as ns`, `const ns = require(...)`) is used. */
export interface NamespaceUses {
  /** Members read as `ns.X` (values, types, JSX), with the ranges of each `ns.X`. */
  members: Map<string, Array<{ start: number; end: number }>>;
  /** The first use that is not a plain member read (passed around, computed, assigned), if any. */
  dynamic?: { line: number; column: number; why: string };
}

const TYPE_DECLARATIONS = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'ClassDeclaration', 'TSEnumDeclaration', 'TSModuleDeclaration']);
const KEY_PARENTS = new Set(['ObjectProperty', 'ObjectMethod', 'ClassProperty', 'ClassMethod', 'ClassPrivateProperty', 'TSPropertySignature', 'TSMethodSignature', 'ClassAccessorProperty']);

/** The scope facts of one parsed file, collected in one traversal. */
export class FileScope {
  private readonly program: NodePath<t.Program>;
  /** Every name written as an identifier anywhere, except property keys and member names. */
  private readonly names = new Set<string>();
  private readonly typeRefs: Array<NodePath<t.Identifier>> = [];
  private readonly paths = new Map<t.Node, NodePath>();

  constructor(ast: t.File, wanted: Iterable<t.Node>) {
    // @babel/traverse is loaded only for files that move symbols: most runs never need it.
    const traverse = (require('@babel/traverse') as typeof import('@babel/traverse')).default;
    const want = new Set(wanted);
    let program: NodePath<t.Program> | undefined;
    const names = this.names;
    const visitor: Visitor = {
      Program(path) {
        program = path;
      },
      enter: (path) => {
        if (want.has(path.node)) this.paths.set(path.node, path);
      },
      Identifier(path) {
        if (!isKeyOrMember(path)) names.add(path.node.name);
      },
      JSXIdentifier(path) {
        const parent = path.parent;
        if (parent.type === 'JSXAttribute' || (parent.type === 'JSXMemberExpression' && parent.property === path.node)) return;
        names.add(path.node.name);
      },
      TSTypeReference: (path) => {
        let name = path.get('typeName') as NodePath;
        while (name.isTSQualifiedName()) name = name.get('left') as NodePath;
        if (name.isIdentifier()) this.typeRefs.push(name);
      },
      TSTypeParameter(path) {
        const name = path.node.name as unknown;
        names.add(typeof name === 'string' ? name : (name as t.Identifier).name);
      },
    };
    traverse(ast, visitor);
    this.program = program!;
  }

  /** The path of a node handed to the constructor. */
  pathOf(node: t.Node): NodePath | undefined {
    return this.paths.get(node);
  }

  /** True when no identifier in the file is written `name`: a new binding of that name captures nothing. */
  isFree(name: string): boolean {
    return !this.names.has(name);
  }

  /**
   * Every use of the top-level import binding `local`, or `undefined` when `local` is bound otherwise. Babel
   * keeps no binding for `import type`: its names are used in types only.
   */
  usesOf(local: string): Use[] | undefined {
    const binding = this.program.scope.getBinding(local);
    // Babel marks `import type` bindings 'unknown' rather than 'module'.
    if (binding && binding.kind !== 'module' && !binding.path.parentPath?.isImportDeclaration()) return undefined;
    const uses: Use[] = [];
    for (const ref of binding?.referencePaths ?? []) {
      const node = ref.node;
      const parent = ref.parent;
      // Babel also lists `import('x').Name` and `A.Name` in types, which name another module's export or a
      // member, not this binding.
      if (isForeignName(ref)) continue;
      if (parent.type === 'ObjectProperty' && parent.shorthand && parent.value === node) {
        uses.push({ kind: 'shorthand', start: parent.start!, end: parent.end!, key: local });
      } else if (parent.type === 'ExportSpecifier' && parent.local === node) {
        const exported = nameOf(parent.exported);
        uses.push({ kind: 'export', start: parent.start!, end: parent.end!, exported, sameText: parent.exported.start === node.start });
      } else {
        uses.push({ kind: 'plain', start: node.start!, end: node.end! });
      }
    }
    for (const ref of this.typeRefs) {
      if (ref.node.name === local && !typeShadowed(ref, local)) uses.push({ kind: 'plain', start: ref.node.start!, end: ref.node.end! });
    }
    return uses.sort((a, b) => a.start - b.start);
  }

  /** How the namespace binding `local` declared at `declaredAt` (a path in its scope) is used. */
  namespaceUses(local: string, declaredAt: NodePath = this.program): NamespaceUses {
    const members: NamespaceUses['members'] = new Map();
    const out: NamespaceUses = { members };
    const binding = declaredAt.scope.getBinding(local);
    const add = (name: string, start: number, end: number) => {
      const ranges = members.get(name) ?? [];
      // Babel lists some qualified type names as references too: each range once.
      if (!ranges.some((r) => r.start === start)) members.set(name, [...ranges, { start, end }]);
    };
    const dynamic = (node: t.Node, why: string) => {
      out.dynamic ??= { line: node.loc!.start.line, column: node.loc!.start.column + 1, why };
    };
    for (const ref of binding?.referencePaths ?? []) {
      const parent = ref.parent;
      const node = ref.node;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === node) {
        if (parent.computed || parent.property.type !== 'Identifier') {
          dynamic(node, `\`${local}[...]\` reads a member by a computed key`);
        } else if (ref.parentPath!.parentPath?.isAssignmentExpression({ left: parent }) || ref.parentPath!.parentPath?.isUpdateExpression()) {
          dynamic(node, `\`${local}.${parent.property.name}\` is re-assigned at runtime`);
        } else {
          add(parent.property.name, parent.start!, parent.end!);
        }
      } else if (parent.type === 'TSQualifiedName' && parent.left === node) {
        add(parent.right.name, parent.start!, parent.end!);
      } else if (parent.type === 'JSXMemberExpression' && parent.object === node) {
        add(parent.property.name, parent.start!, parent.end!);
      } else {
        dynamic(node, `\`${local}\` is used as a whole value`);
      }
    }
    if (declaredAt === this.program || declaredAt.scope === this.program.scope) {
      for (const ref of this.typeRefs) {
        if (ref.node.name !== local || typeShadowed(ref, local) || binding?.referencePaths.some((r) => r.node === ref.node)) continue;
        const parent = ref.parent;
        if (parent.type === 'TSQualifiedName' && parent.left === ref.node) add(parent.right.name, parent.start!, parent.end!);
        else dynamic(ref.node, `\`${local}\` is used as a whole type`);
      }
    }
    return out;
  }
}

/** An identifier that only looks like a use: the qualifier of an `import()` type, or the right of `A.B` in a type. */
function isForeignName(ref: NodePath): boolean {
  for (let path: NodePath = ref; path.parentPath; path = path.parentPath) {
    const parent = path.parent;
    if (parent.type === 'TSImportType' && (parent as t.TSImportType).qualifier === path.node) return true;
    if (parent.type === 'TSQualifiedName' && (parent as t.TSQualifiedName).right === path.node) return true;
    if (parent.type !== 'TSQualifiedName') return false;
  }
  return false;
}

function isKeyOrMember(path: NodePath<t.Identifier>): boolean {
  const parent = path.parent as t.Node & { computed?: boolean; shorthand?: boolean; key?: t.Node; property?: t.Node };
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node) return !parent.computed;
  if (parent.type === 'TSQualifiedName' && (parent as t.TSQualifiedName).right === path.node) return true;
  if (KEY_PARENTS.has(parent.type) && parent.key === path.node) return !parent.computed && !parent.shorthand;
  return false;
}

/** A type reference named `name` that a type parameter or a nested type declaration of that name captures. */
function typeShadowed(ref: NodePath, name: string): boolean {
  for (let path = ref.parentPath; path && !path.isProgram(); path = path.parentPath) {
    const node = path.node as t.Node & { typeParameters?: { params?: Array<{ name: unknown }> } | null; typeParameter?: { name: unknown } };
    const params = node.typeParameters?.params ?? [];
    if (params.some((p: { name: unknown }) => paramName(p.name) === name)) return true;
    if (node.type === 'TSMappedType' && node.typeParameter && paramName(node.typeParameter.name) === name) return true;
    if (node.type === 'TSInferType' && paramName(node.typeParameter.name) === name) return true;
    if (node.type === 'BlockStatement' || node.type === 'TSModuleBlock') {
      for (const statement of node.body) {
        const declared = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        if (declared && TYPE_DECLARATIONS.has(declared.type) && (declared as { id?: t.Node | null }).id?.type === 'Identifier' && ((declared as { id: t.Identifier }).id.name === name)) return true;
      }
    }
  }
  return false;
}

function paramName(name: unknown): string {
  return typeof name === 'string' ? name : (name as t.Identifier).name;
}
