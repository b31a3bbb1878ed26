/**
 * Lists each file's module references twice, through the fast path (`listSpecifiers`, oxc where it can answer)
 * and through Babel (`findReferences` on `parseSource`'s tree), and prints what differs as JSON. It runs in a
 * plain Node process on the built dist/: jest's module runtime cannot load oxc's ES module, so in-process the
 * fast path would quietly be Babel and the comparison would prove nothing.
 *
 * Usage: node compare-specifiers.cjs FILE... ; prints { files, fast, failed, differences, available }.
 */
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', 'dist', 'src', 'syntax');
const { listSpecifiers, fastSpecifiers, fastSpecifiersAvailable } = require(path.join(dist, 'specifiers.js'));
const { findReferences } = require(path.join(dist, 'references.js'));
const { parseSource } = require(path.join(dist, 'parse.js'));

/** A reference list or the parse error, as plain data. */
function outcome(list) {
  try {
    return { refs: list() };
  } catch (error) {
    return { error: { name: error.name, line: error.line, column: error.column, reason: error.reason } };
  }
}

let fast = 0;
let failed = 0;
const differences = [];
for (const file of process.argv.slice(2)) {
  const source = fs.readFileSync(file, 'utf8');
  if (fastSpecifiers(source, file) !== undefined) fast++;
  const quick = outcome(() => listSpecifiers(source, file));
  const babel = outcome(() => findReferences(parseSource(source, file), source).map(({ kind, specifier, start, end, line, column }) => ({ kind, specifier, start, end, line, column })));
  if (babel.error) failed++;
  if (JSON.stringify(quick) !== JSON.stringify(babel)) differences.push({ file, fast: quick, babel });
}
process.stdout.write(JSON.stringify({ files: process.argv.length - 2, fast, failed, differences, available: fastSpecifiersAvailable() }));
