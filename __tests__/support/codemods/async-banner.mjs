/** Test codemod, async as jscodeshift allows: after a pause, puts a banner naming the file's first import above it. */
export default async function transform(file, api) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const j = api.jscodeshift;
  const first = j(file.source).find(j.ImportDeclaration).paths()[0];
  if (!first) return undefined;
  return `// first import: ${first.node.source.value}\n${file.source}`;
}
