import engine = require('../agents/execution-engine');
export = engine;
