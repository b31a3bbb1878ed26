/** Uses of hand-written wrapper classes and singleton getters, moved to the canonical client. */
import type * as t from '@babel/types';
import { removeListItem, statementRemoval, type TextEdit } from '../../src/syntax/edits';
import { nameOf } from '../../src/syntax/references';
import type { FileContext, FilePlan } from './file';

/** Uses of wrapper classes and getters move to the canonical client. */
export function planWrappers(context: FileContext, p: FilePlan, clientName: string): void {
  const { program, path: file, prepared, source } = context;
  for (const statement of program.node.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const resolved = prepared.resolver.resolve(statement.source.value, file);
    const w = prepared.wrappers.find((x) => x.file === resolved);
    if (!w) continue;
    const spec = statement.specifiers.find((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier' && nameOf(s.imported) === w.export);
    if (!spec) {
      p.retained.add(w.file);
      continue;
    }
    const local = spec.local.name;
    const binding = program.scope.getBinding(local);
    const edits: TextEdit[] = [];
    const blockers: t.Node[] = [];
    let typeUse = false;
    for (const ref of binding?.referencePaths ?? []) {
      const parent = ref.parentPath!;
      if (w.kind === 'getter' && parent.isCallExpression({ callee: ref.node }) && parent.node.arguments.length === 0) {
        edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
      } else if (w.kind === 'class' && parent.isNewExpression({ callee: ref.node })) {
        edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
        const holder = parent.parentPath;
        if (w.methods.size > 0) {
          if (holder?.isVariableDeclarator({ init: parent.node }) && holder.node.id.type === 'Identifier') {
            for (const use of holder.scope.getBinding(holder.node.id.name)?.referencePaths ?? []) {
              const m = use.parentPath;
              if (m?.isMemberExpression({ object: use.node }) && !m.node.computed && m.node.property.type === 'Identifier' && w.methods.has(m.node.property.name)) {
                edits.push({ start: m.node.property.start!, end: m.node.property.end!, text: w.methods.get(m.node.property.name)! });
              }
            }
          } else {
            blockers.push(parent.node);
          }
        }
      } else {
        blockers.push(ref.node);
      }
    }
    // Type positions (`svc: ClickHouseService`) name the official client's type instead.
    program.traverse({
      TSTypeReference(path) {
        if (w.kind === 'class' && path.node.typeName.type === 'Identifier' && path.node.typeName.name === local) {
          edits.push({ start: path.node.typeName.start!, end: path.node.typeName.end!, text: 'ClickHouseClient' });
          typeUse = true;
        }
      },
    });
    if (blockers.length > 0) {
      for (const b of blockers) {
        p.manual.push({ line: b.loc!.start.line, column: b.loc!.start.column + 1, specifier: w.export, target: prepared.canonicalLabel, reason: `this use of ${w.export} is not a plain ${w.kind === 'class' ? '`new` held in a variable' : 'call'}; move it to ${prepared.exportName} by hand` });
      }
      p.retained.add(w.file);
      continue;
    }
    p.edits.push(...edits);
    if (typeUse) p.needsClientType = true;
    p.canonicalLocals.add(clientName);
    if (statement.specifiers.length === 1) p.edits.push(statementRemoval(source, statement.start!, statement.end!));
    else {
      p.edits.push(removeListItem(source, spec));
      p.retained.add(w.file);
    }
    p.rewrites.push({ kind: 'wrapper', line: statement.loc!.start.line, column: statement.loc!.start.column + 1, from: `${w.export} from ${w.label}`, to: `${prepared.exportName} from ${prepared.canonicalLabel}`, target: prepared.canonicalLabel, violation: false });
  }
}
