/** Test codemod: reports whether it ran on the main thread or on a worker of the planning pool. */
const { isMainThread } = require('node:worker_threads');

module.exports = function transform(file, api) {
  api.report(isMainThread ? 'main thread' : 'worker thread');
};
