import engine = require('../legacy/engine');
export = engine;
