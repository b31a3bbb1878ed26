/**
 * The peer: the jscodeshift codemod a user would otherwise write for the same moves, as such codemods are
 * usually written: parse with j(file.source), find import/export/require/import() nodes, and rewrite
 * specifiers that point at a moved module (relative paths resolved by hand, tsconfig aliases by prefix).
 * Options: --moves=<json> --aliases=<json> --root=<dir>.
 */
const path = require('node:path');

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function transform(file, api, options) {
  const j = api.jscodeshift;
  const root = options.root;
  // jscodeshift parses option values that look like JSON.
  const parsed = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
  const moves = parsed(options.moves);
  const aliases = parsed(options.aliases);
  const ast = j(file.source);
  let changed = false;

  const absolute = (spec) => {
    for (const [prefix, target] of Object.entries(aliases)) {
      if (spec.startsWith(prefix)) return path.join(root, target, spec.slice(prefix.length));
    }
    return spec.startsWith('.') ? path.resolve(path.dirname(file.path), spec) : undefined;
  };
  const rewrite = (spec) => {
    for (const move of moves) {
      if (!move.from.includes('/') || !move.from.includes('.')) {
        if (spec === move.from || spec.startsWith(`${move.from}/`)) return move.to + spec.slice(move.from.length);
        continue;
      }
      const target = absolute(spec);
      if (!target) continue;
      const from = path.join(root, move.from).replace(/\.tsx?$/, '');
      if (EXTENSIONS.some((e) => target + e === from || target === from + e)) {
        const to = path.join(root, move.to).replace(/\.tsx?$/, '');
        for (const [prefix, dir] of Object.entries(aliases)) {
          if (spec.startsWith(prefix)) return prefix + path.relative(path.join(root, dir), to);
        }
        const rel = path.relative(path.dirname(file.path), to);
        return rel.startsWith('.') ? rel : `./${rel}`;
      }
    }
    return undefined;
  };
  const visit = (literal) => {
    if (!literal || typeof literal.value !== 'string') return;
    const next = rewrite(literal.value);
    if (next !== undefined && next !== literal.value) {
      literal.value = next;
      changed = true;
    }
  };

  ast.find(j.ImportDeclaration).forEach((p) => visit(p.node.source));
  ast.find(j.ExportNamedDeclaration).forEach((p) => visit(p.node.source));
  ast.find(j.ExportAllDeclaration).forEach((p) => visit(p.node.source));
  ast.find(j.CallExpression).forEach((p) => {
    const callee = p.node.callee;
    if ((callee.type === 'Identifier' && callee.name === 'require') || callee.type === 'Import') visit(p.node.arguments[0]);
  });
  return changed ? ast.toSource({ quote: 'single' }) : undefined;
}

module.exports = transform;
module.exports.parser = 'tsx';
