const { ExecutionEngine } = require('../legacy/engine');
const path = require.resolve('../legacy/engine');
const tpl = require(`../legacy/engine`);
module.exports = { ExecutionEngine, path, tpl };
