/** Test codemod: `old-logger` imports move to the project's own `./lib/legacy-logger` (relative to src/). */
const path = require('node:path');

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const found = root.find(j.ImportDeclaration, { source: { value: 'old-logger' } });
  if (found.length === 0) return undefined;
  const src = file.path.slice(0, file.path.lastIndexOf(`${path.sep}src${path.sep}`) + 4);
  let spec = path.relative(path.dirname(file.path), path.join(src, 'lib', 'legacy-logger')).split(path.sep).join('/');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  found.forEach((p) => {
    p.node.source.value = spec;
  });
  return root.toSource({ quote: 'single' });
};
module.exports.parser = 'tsx';
