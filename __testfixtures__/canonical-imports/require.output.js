const { ExecutionEngine } = require('../agents/execution-engine');
const path = require.resolve('../agents/execution-engine');
const tpl = require(`../agents/execution-engine`);
module.exports = { ExecutionEngine, path, tpl };
