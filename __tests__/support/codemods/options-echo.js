// Test codemod in a CommonJS package's .js file, written with `export` (jscodeshift compiles it with Babel): it
// writes the options it received above the first statement of files named in options.only.
export default function transform(file, api, options) {
  if (!String(options.only).split(',').some((name) => file.path.endsWith(name))) return undefined;
  return `// options: ${JSON.stringify(options)}\n${file.source}`;
}
