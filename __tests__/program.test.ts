/**
 * A TypeScript program over texts the caller gives, with the options of the tsconfig the resolver uses for
 * the file: what the proof (src/verify/) and type-aware transforms check a run's texts with.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ModuleResolver } from '../src/resolve/resolver';
import { createProgram, groupByProject, Programs, programOptions, SourceFileCache, typescriptVersion } from '../src/typescript/program';
import { writeFiles } from './support/project';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-program-'));
  writeFiles(root, {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } }, include: ['src'] }),
    'src/model.ts': 'export const count = 1;\nexport interface Job { id: string }\n',
    'src/use.ts': "import { count, type Job } from '@/model';\nexport const n = count;\nexport type J = Job;\n",
    'tools/tsconfig.json': JSON.stringify({ compilerOptions: { strict: false } }),
    'tools/script.ts': 'export const x = 1;\n',
  });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const abs = (rel: string) => path.join(root, rel);

/** The declaration an imported name resolves to, as `file:text of the declaration`. */
function declarationOf(program: ts.Program, file: string, name: string): string {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) && node.name.text === name) found.push(node.name);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const symbol = checker.getAliasedSymbol(checker.getSymbolAtLocation(found[0]!)!);
  const declaration = symbol.declarations?.[0];
  return declaration ? `${path.relative(root, declaration.getSourceFile().fileName)}:${declaration.getText()}` : 'unresolved';
}

it('uses the options of the tsconfig the resolver picks for each file', () => {
  const resolver = new ModuleResolver({ tsconfigs: [abs('tsconfig.json')], rootDir: root });
  const groups = groupByProject(resolver, [abs('src/use.ts'), abs('tools/script.ts'), abs('src/model.ts')]);
  expect(groups.map((g) => [g.configPath && path.relative(root, g.configPath), g.files.map((f) => path.relative(root, f)), g.options.strict])).toEqual([
    ['tsconfig.json', ['src/use.ts', 'src/model.ts'], true],
    [path.join('tools', 'tsconfig.json'), ['tools/script.ts'], false],
  ]);
});

it("reads the texts it is given (the run's), and the disk for the rest; paths aliases resolve", () => {
  const resolver = new ModuleResolver({ tsconfigs: [abs('tsconfig.json')], rootDir: root });
  const { options } = resolver.compilerOptionsFor(abs('src/use.ts'));
  const changed = new Map([[abs('src/model.ts'), 'export const count: number = 2;\nexport type Job = { id: number };\n']]);
  const program = createProgram({ rootNames: [abs('src/use.ts')], textOf: (f) => changed.get(f), options: programOptions(options, 'full') });
  expect(declarationOf(program, abs('src/use.ts'), 'count')).toBe('src/model.ts:count: number = 2');
  expect(declarationOf(program, abs('src/use.ts'), 'Job')).toBe('src/model.ts:export type Job = { id: number };');
  // The full scope knows types, default library included.
  const checker = program.getTypeChecker();
  const use = program.getSourceFile(abs('src/use.ts'))!;
  const n = (use.statements[1] as ts.VariableStatement).declarationList.declarations[0]!;
  expect(checker.typeToString(checker.getTypeAtLocation(n.name))).toBe('number');
  expect(program.getSemanticDiagnostics(use)).toEqual([]);
  expect(typescriptVersion()).toMatch(/^5\.9$/);
});

it('a file the texts say is gone does not exist in the program', () => {
  const resolver = new ModuleResolver({ tsconfigs: [abs('tsconfig.json')], rootDir: root });
  const { options } = resolver.compilerOptionsFor(abs('src/use.ts'));
  const program = createProgram({ rootNames: [abs('src/use.ts'), abs('src/model.ts')], textOf: (f) => (f === abs('src/model.ts') ? null : undefined), options: programOptions(options, 'bindings') });
  expect(program.getSourceFile(abs('src/model.ts'))).toBeUndefined();
  expect(declarationOf(program, abs('src/use.ts'), 'count')).toBe('unresolved');
});

it('the bindings scope loads only the roots and still binds imports between them; unchanged files are parsed once', () => {
  const resolver = new ModuleResolver({ tsconfigs: [abs('tsconfig.json')], rootDir: root });
  const options = programOptions(resolver.compilerOptionsFor(abs('src/use.ts')).options, 'bindings');
  const cache = new SourceFileCache();
  const before = createProgram({ rootNames: [abs('src/use.ts'), abs('src/model.ts')], textOf: () => undefined, options, cache });
  const after = createProgram({
    rootNames: [abs('src/use.ts'), abs('src/model.ts')],
    textOf: (f) => (f === abs('src/use.ts') ? "import { count, type Job } from './model';\nexport const n = count;\nexport type J = Job;\n" : undefined),
    options,
    cache,
  });
  expect(before.getSourceFiles().map((f) => path.relative(root, f.fileName)).sort()).toEqual(['src/model.ts', 'src/use.ts']);
  expect(declarationOf(after, abs('src/use.ts'), 'count')).toBe(declarationOf(before, abs('src/use.ts'), 'count'));
  expect(after.getSourceFile(abs('src/model.ts'))).toBe(before.getSourceFile(abs('src/model.ts')));
  expect(after.getSourceFile(abs('src/use.ts'))).not.toBe(before.getSourceFile(abs('src/use.ts')));
  // Without the module among the roots, the import is not bound.
  const alone = createProgram({ rootNames: [abs('src/use.ts')], textOf: () => undefined, options, cache });
  expect(declarationOf(alone, abs('src/use.ts'), 'count')).toBe('unresolved');
});

it('a changed file is parsed once per text: read on its own and in programs before and after, in turns', () => {
  const resolver = new ModuleResolver({ tsconfigs: [abs('tsconfig.json')], rootDir: root });
  const options = programOptions(resolver.compilerOptionsFor(abs('src/use.ts')).options, 'bindings');
  const cache = new SourceFileCache();
  const changed = "import { count, type Job } from './model';\nexport const n = count;\nexport type J = Job;\n";
  const was = new Programs({ textOf: () => undefined, options, cache });
  const now = new Programs({ textOf: (f) => (f === abs('src/use.ts') ? changed : undefined), options, cache });
  // As the proof reads them: each view's file alone first, then a program per view.
  const aloneBefore = was.sourceFile(abs('src/use.ts'))!;
  const aloneAfter = now.sourceFile(abs('src/use.ts'))!;
  expect(aloneAfter).not.toBe(aloneBefore);
  const before = was.program([abs('src/use.ts'), abs('src/model.ts')]);
  const after = now.program([abs('src/use.ts'), abs('src/model.ts')]);
  expect(before.getSourceFile(abs('src/use.ts'))).toBe(aloneBefore);
  expect(after.getSourceFile(abs('src/use.ts'))).toBe(aloneAfter);
  expect(declarationOf(after, abs('src/use.ts'), 'count')).toBe(declarationOf(before, abs('src/use.ts'), 'count'));
  // A program with other parse options (a script, not a module, under moduleDetection) gets its own parse.
  const scripts = new Programs({ textOf: () => undefined, options: { ...options, moduleDetection: ts.ModuleDetectionKind.Legacy }, cache });
  expect(scripts.sourceFile(abs('src/use.ts'))).not.toBe(aloneBefore);
});
