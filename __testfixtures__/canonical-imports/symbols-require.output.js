const { legacyHelper } = require('../legacy/engine');
const { UserExecutionEngine: ExecutionEngine } = require('../agents/user-execution-engine');
const engine = require('../agents/factory').createEngine();

module.exports = { run: () => new ExecutionEngine().run() + legacyHelper() + engine.run() };
