/**
 * The bench's peer codemod (peer-transform.cjs) with canonize's `prefilter` export: the strings a file must
 * contain for the codemod to change it (every specifier of a moved module in the generated tree holds one).
 * canonize's reading thread then hands the codemod only those files; jscodeshift ignores the export.
 */
const peer = require('./peer-transform.cjs');

function transform(file, api, options) {
  return peer(file, api, options);
}

module.exports = transform;
module.exports.parser = peer.parser;
module.exports.prefilter = ['legacy/engine', 'old-logger'];
