/**
 * The resolution shortcut (src/resolve/shortcut.ts) gives TypeScript's answer whenever it answers: on every
 * shape of specifier against a tree built to hold the traps (a file beside a folder of the same name, `.d.ts`
 * beside `.ts`, dotted names, `.js` spellings of `.ts` files, links, several substitutions, node_modules),
 * under each resolution mode and option that changes the steps, and on every specifier of the example
 * project and of a generated monorepo.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { generateTree } from '../bench/generate';
import { Projects } from '../src/resolve/projects';
import { ResolutionShortcut, type ExistenceHost } from '../src/resolve/shortcut';
import { cachedHost } from '../src/resolve/tsconfig';
import { loadTypescript } from '../src/typescript/load';
import { EXAMPLE } from './support/project';

const ts = loadTypescript();

interface Tally {
  answered: string[];
  mismatches: Array<{ specifier: string; from: string; shortcut: string; typescript: string | undefined }>;
}

/** Resolves each specifier from `dir` both ways; the shortcut's answers must be TypeScript's. */
function compare(shortcut: ResolutionShortcut, options: TS.CompilerOptions, host: TS.ModuleResolutionHost & ExistenceHost, dir: string, specifiers: string[], tally: Tally): void {
  for (const specifier of specifiers) {
    const fast = shortcut.resolve(specifier, dir, host);
    if (fast === undefined) continue;
    const module = ts.resolveModuleName(specifier, path.join(dir, '__from__.ts'), options, host).resolvedModule;
    const typescript = module && !module.isExternalLibraryImport ? module.resolvedFileName : undefined;
    if (fast !== typescript) tally.mismatches.push({ specifier, from: dir, shortcut: fast, typescript });
    else tally.answered.push(`${path.basename(dir)}:${specifier}`);
  }
}

describe('the resolution shortcut answers as TypeScript does', () => {
  let root: string;
  const write = (rel: string, text = 'export const x = 1;\n') => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };

  beforeAll(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-shortcut-')));
    for (const rel of [
      'src/a.ts',
      'src/both.ts',
      'src/both/index.ts',
      'src/view.tsx',
      'src/view-and-ts.ts',
      'src/view-and-ts.tsx',
      'src/typed.d.ts',
      'src/typed-and-ts.ts',
      'src/typed-and-ts.d.ts',
      'src/plain.js',
      'src/plain-typed.js',
      'src/plain-typed.d.ts',
      'src/order.service.ts',
      'src/styled.module.css',
      'src/styled.d.module.css.ts',
      'src/declared.d.service.ts',
      'src/declared.service.ts',
      'src/esm.mts',
      'src/cjs.cts',
      'src/cjs.d.cts',
      'src/data.json',
      'src/folder/index.ts',
      'src/pkg-folder/package.json',
      'src/pkg-folder/main.ts',
      'src/sub/deep.ts',
      'src/dir.ts/index.ts',
      'lib/second.ts',
      'lib/exact.ts',
      'lib/ext.ts',
      'generated/a.ts',
      'src/config.ts',
      'src/configx.ts',
      'src/cfg/.eslintrc.ts',
      'node_modules/dep/index.d.ts',
      'node_modules/dep/package.json',
      'node_modules/@scope/x/index.d.ts',
      'vendor/node_modules/inner.ts',
    ]) {
      write(rel, rel.endsWith('package.json') ? '{ "types": "main.ts" }' : undefined);
    }
    fs.symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'linked.ts'));
    fs.symlinkSync(path.join(root, 'lib'), path.join(root, 'src', 'linked-lib'));
    fs.symlinkSync(path.join(root, 'src', 'missing.ts'), path.join(root, 'src', 'dangling.ts'));
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const relative = [
    './a', './a.ts', './a.js', './a.d.ts', './a.tsx', './a.jsx', './both', './both/', './both/index', './view', './view.js', './view.jsx', './view.tsx',
    './view-and-ts', './view-and-ts.jsx', './view-and-ts.js', './typed', './typed.js', './typed-and-ts', './plain', './plain.js', './plain-typed', './plain-typed.js',
    './order.service', './order.service.js', './styled.module.css', './declared.service', './esm', './esm.mjs', './esm.mts', './cjs', './cjs.cjs', './cjs.cts',
    './data.json', './data', './folder', './folder/', './folder/index', './pkg-folder', './sub/deep', './sub/../a', './sub/./deep', './/a', './dir', './dir.ts',
    './linked', './linked-lib/second', './dangling', './missing', './missing/x', '.', '..', './', '../a', '../src/a', '../lib/second', '../vendor/node_modules/inner',
    '.\\a', './a?x', './A', './cfg/.eslintrc',
  ];
  const bare = ['@/a', '@/sub/deep', '@/both', '@/folder', '@/missing', '@/order.service', '@/view.js', '~lib/second', '~lib/missing', 'exact', 'exact-ext', 'ext/ext',
    'multi/a', 'multi/second', '@config', '@configx', 'src/a', 'lib/second', 'src/both', 'dep', '@scope/x', 'node:fs', '#internal', '/abs', 'generated/a', '@/'];
  const from = () => [path.join(root, 'src'), path.join(root, 'src', 'sub'), path.join(root, 'lib')];
  const paths = {
    '@/*': ['src/*'],
    '~lib/*': ['lib/*', 'src/*'],
    exact: ['lib/exact'],
    'exact-ext': ['lib/exact.ts'],
    'ext/*': ['lib/*.ts'],
    'multi/*': ['missing/*', 'lib/*'],
    'generated/*': ['./generated/*'],
    // A `*` that matches nothing (`@config`): TypeScript tries `src/config*` as written (found in review).
    '@config*': ['src/config*'],
  };
  /** `raw`: the options as written (else `baseUrl`, `pathsBasePath` and `rootDirs` are made absolute, as a tsconfig's are). */
  const variants: Array<{ name: string; options: TS.CompilerOptions; answers: boolean; raw?: boolean }> = [
    { name: 'bundler with paths and baseUrl', options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, baseUrl: '', paths, allowJs: true, resolveJsonModule: true }, answers: true },
    { name: 'bundler with paths, no baseUrl', options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, paths, pathsBasePath: '' }, answers: true },
    { name: 'node10 with baseUrl only', options: { moduleResolution: ts.ModuleResolutionKind.Node10, baseUrl: '' }, answers: true },
    { name: 'module commonjs (node10 implied)', options: { module: ts.ModuleKind.CommonJS, paths, pathsBasePath: '' }, answers: true },
    // Options no tsconfig gives (parsing makes `""` the tsconfig's folder), but TypeScript's rules for them differ.
    { name: 'an empty baseUrl', options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, baseUrl: '' }, answers: true, raw: true },
    { name: 'rootDirs (relative names left to TypeScript)', options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, rootDirs: ['', ''] }, answers: false },
    { name: 'node16', options: { moduleResolution: ts.ModuleResolutionKind.Node16, module: ts.ModuleKind.Node16, paths, pathsBasePath: '' }, answers: false },
    { name: 'nodenext', options: { moduleResolution: ts.ModuleResolutionKind.NodeNext, module: ts.ModuleKind.NodeNext }, answers: false },
    { name: 'classic', options: { moduleResolution: ts.ModuleResolutionKind.Classic }, answers: false },
    { name: 'moduleSuffixes', options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, moduleSuffixes: ['.ios', ''] }, answers: false },
  ];

  it.each(variants)('$name', ({ options: written, answers, raw }) => {
    // Paths in options are absolute once a tsconfig is read.
    const options: TS.CompilerOptions = { ...written };
    if (options.baseUrl !== undefined && !raw) options.baseUrl = root;
    if (options.pathsBasePath !== undefined) options.pathsBasePath = root;
    if (options.rootDirs) options.rootDirs = [path.join(root, 'src'), path.join(root, 'generated')];
    const shortcut = ResolutionShortcut.for(options, ts);
    const tally: Tally = { answered: [], mismatches: [] };
    if (shortcut) for (const dir of from()) compare(shortcut, options, cachedHost(), dir, [...relative, ...bare], tally);
    expect(tally.mismatches).toEqual([]);
    if (!answers) {
      // Options whose first steps differ: the shortcut is off, or (rootDirs) leaves relative names alone.
      expect(tally.answered.filter((a) => /:\.\.?\//.test(a))).toEqual([]);
      return;
    }
    // What it answers: plain names, `.js` spellings of TypeScript files, dotted names; never a folder.
    expect(tally.answered).toEqual(expect.arrayContaining(['src:./a', 'src:./a.js', 'src:./view.jsx', 'src:./order.service', 'src:./declared.service', 'src:./esm.mjs', 'sub:../a']));
    expect(tally.answered.some((a) => /:\.\/(both|folder|dir)$/.test(a) && !a.startsWith('src:./both'))).toBe(false);
    if (options.paths) expect(tally.answered).toEqual(expect.arrayContaining(['src:~lib/second', 'sub:@/sub/deep']));
  });

  it('asks TypeScript when the host says a folder is missing, as a view with a file it creates would', () => {
    const options: TS.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
    const shortcut = ResolutionShortcut.for(options, ts)!;
    const created = path.join(root, 'new', 'made.ts');
    const host: ExistenceHost = { fileExists: (f) => f === created, directoryExists: () => false };
    expect(shortcut.resolve('../new/made', path.join(root, 'src'), host)).toBeUndefined();
    expect(shortcut.resolve('../new/made', path.join(root, 'src'), { fileExists: (f) => f === created, directoryExists: () => true })).toBe(created);
  });

  /** Every specifier of every source file below `dir`, resolved both ways with the project that resolves it. */
  function compareTree(dir: string, tsconfigs: string[]): Tally {
    const host = cachedHost();
    const projects = new Projects({ tsconfigs, rootDir: dir }, host);
    const tally: Tally = { answered: [], mismatches: [] };
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.[mc]?[jt]sx?$/.test(f) && !f.split(path.sep).includes('node_modules'));
    for (const rel of files) {
      const file = path.join(dir, rel);
      const project = projects.for(file);
      if (!project.shortcut) continue;
      const specifiers = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
      compare(project.shortcut, project.options, host, path.dirname(file), specifiers, tally);
    }
    return tally;
  }

  it('on every specifier of the example project', () => {
    const tally = compareTree(EXAMPLE, [path.join(EXAMPLE, 'tsconfig.json')]);
    expect(tally.mismatches).toEqual([]);
    expect(tally.answered.length).toBeGreaterThan(20);
  });

  it('on every specifier of a generated monorepo', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-shortcut-tree-'));
    try {
      generateTree(tree, 1500, 11);
      const tally = compareTree(tree, [path.join(tree, 'tsconfig.json')]);
      expect(tally.mismatches).toEqual([]);
      expect(tally.answered.length).toBeGreaterThan(1500);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
