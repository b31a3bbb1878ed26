/** Test codemod (an ES module): throws on a file that says BOOM, and marks every other file it reads. */
export default function transform(file) {
  if (file.source.includes('BOOM')) throw new Error(`cannot handle ${file.path.split('/').pop()}`);
  return `// reviewed\n${file.source}`;
}
