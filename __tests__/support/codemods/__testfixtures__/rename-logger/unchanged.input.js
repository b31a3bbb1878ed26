const log = require('old-logger');
log.info('require() is not an import: left alone');
