const { ExecutionEngine, legacyHelper } = require('../legacy/engine');
const engine = require('../legacy/engine').createEngine();

module.exports = { run: () => new ExecutionEngine().run() + legacyHelper() + engine.run() };
