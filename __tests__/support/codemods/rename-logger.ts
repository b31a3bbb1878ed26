/**
 * A team's own codemod, written for canonize's end-to-end tests as such codemods are written: imports of
 * `old-logger` move to `options.to`, `log.warn(…)` becomes `log.warning(…)`, and the `old-polyfill` side-effect
 * import goes (recast then drops a comment that led it, as under jscodeshift). Stats and reports are counted.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  root.find(j.ImportDeclaration, { source: { value: 'old-logger' } }).forEach((path) => {
    path.node.source = j.stringLiteral(String(options.to ?? '@acme/logger'));
    api.stats('imports moved');
    changed = true;
  });
  root.find(j.ImportDeclaration, { source: { value: 'old-polyfill' } }).forEach((path) => {
    j(path).remove();
    api.stats('polyfills dropped');
    changed = true;
  });
  root
    .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name: 'log' }, property: { name: 'warn' } } })
    .forEach((path) => {
      const callee = path.node.callee as unknown as { property: { name: string } };
      callee.property.name = 'warning';
      api.stats('calls renamed');
      changed = true;
    });
  if (file.source.includes('TODO')) api.report('still has a TODO');
  return changed ? root.toSource() : undefined;
}
