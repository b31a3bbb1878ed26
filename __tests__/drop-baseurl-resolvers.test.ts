/**
 * drop-baseurl's other resolvers: jest settings that name a `baseUrl` folder are listed at their place, from
 * `jest.config.json` as from package.json's "jest" (the end-to-end test covers package.json), and configs that
 * are code are named, never read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { otherResolvers } from '../transforms/drop-baseurl/other-resolvers';
import { writeFiles } from './support/project';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-resolvers-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('lists jest modulePaths, moduleDirectories and roots of jest.config.json that name the baseUrl folder, at their line, and names code configs', () => {
  const jestConfig = [
    '{',
    '  "rootDir": ".",',
    '  "modulePaths": ["<rootDir>/src", "<rootDir>/vendor"],',
    '  "moduleDirectories": ["node_modules", "src"],',
    '  "roots": ["<rootDir>/src"],',
    '  "moduleNameMapper": { "^@/(.*)$": "<rootDir>/src/$1" }',
    '}',
    '',
  ].join('\n');
  writeFiles(dir, { 'jest.config.json': jestConfig, 'vite.config.ts': 'export default {};\n', 'package.json': '{ "name": "app" }\n' });

  const found = otherResolvers({ dirs: [dir], baseUrls: [path.join(dir, 'src')], aliasSpecifiers: ['@/utils/date', '@ui/Button'], rootDir: dir });

  expect(found.codeConfigs).toEqual(['vite.config.ts']);
  expect(found.notes.map((n) => ({ file: path.basename(n.file), line: n.line, column: n.column, text: n.text.split(':')[0] }))).toEqual([
    { file: 'jest.config.json', line: 3, column: 19, text: 'jest `modulePaths` names `<rootDir>/src` (src/)' },
    { file: 'jest.config.json', line: 4, column: 41, text: 'jest `moduleDirectories` names `src` (src/)' },
    { file: 'jest.config.json', line: 5, column: 13, text: 'jest `roots` names `<rootDir>/src` (src/)' },
    // `@/` is mapped, `@ui/` is not: a test that loads a file importing it would not resolve it.
    { file: 'jest.config.json', line: 6, column: 23, text: 'no jest `moduleNameMapper` entry maps `@ui/…`' },
  ]);
  expect(found.notes[0]!.text).toContain('jest also resolves bare specifiers below it, as baseUrl did for TypeScript');
});

it('finds nothing to list where jest names no baseUrl folder', () => {
  writeFiles(dir, { 'package.json': JSON.stringify({ name: 'app', jest: { roots: ['<rootDir>/test'], modulePaths: ['<rootDir>/lib'] } }) });
  expect(otherResolvers({ dirs: [dir], baseUrls: [path.join(dir, 'src')], aliasSpecifiers: [], rootDir: dir })).toEqual({ notes: [], codeConfigs: [] });
});
