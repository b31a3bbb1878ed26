/**
 * drop-baseurl's tsconfig side: text edits keep every byte they do not need (comments, commented-out options,
 * order, line ends), and the plan follows `extends` chains so every tsconfig's aliases name the same files
 * once no baseUrl is set.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFacts, findTsconfigs, planTsconfigs } from '../transforms/drop-baseurl/tsconfigs';
import { editTsconfigText } from '../transforms/drop-baseurl/tsconfig-text';
import { writeFiles } from './support/project';

const noPaths = { removeBaseUrl: true, pathValues: new Map<string, Map<number, string>>() };

describe('editTsconfigText', () => {
  it('removes the baseUrl line with its own comment and keeps the commented-out options around it (tsc --init)', () => {
    const text = [
      '{',
      '  "compilerOptions": {',
      '    /* Modules */',
      '    "module": "commonjs",                                /* Specify what module code is generated. */',
      '    // "rootDir": "./",                                  /* Specify the root folder within your source files. */',
      '    "baseUrl": "./",                                     /* Specify the base directory to resolve non-relative module names. */',
      '    // "paths": {},                                      /* Specify a set of entries that re-map imports. */',
      '    "strict": true',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(editTsconfigText(text, noPaths)).toBe(text.replace(/^ {4}"baseUrl".*\n/m, ''));
  });

  it('takes the comma before a last baseUrl, keeping the comment after it', () => {
    const text = '{\n  "compilerOptions": {\n    "strict": true, // be strict\n    "baseUrl": "src"\n  }\n}\n';
    expect(editTsconfigText(text, noPaths)).toBe('{\n  "compilerOptions": {\n    "strict": true // be strict\n  }\n}\n');
  });

  it('edits one-line JSON in place, and CRLF files keep CRLF', () => {
    expect(editTsconfigText('{"compilerOptions":{"baseUrl":".","strict":true}}', noPaths)).toBe('{"compilerOptions":{"strict":true}}');
    expect(editTsconfigText('{ "compilerOptions": { "strict": true, "baseUrl": "." } }', noPaths)).toBe('{ "compilerOptions": { "strict": true } }');
    const crlf = '{\r\n  "compilerOptions": {\r\n    "baseUrl": ".",\r\n    "strict": true,\r\n  },\r\n}\r\n';
    expect(editTsconfigText(crlf, noPaths)).toBe('{\r\n  "compilerOptions": {\r\n    "strict": true,\r\n  },\r\n}\r\n');
  });

  it('replaces only the paths values it is given', () => {
    const text = '{\n  "compilerOptions": {\n    "paths": {\n      "@/*": [\n        "*", // everything\n        "generated/*"\n      ]\n    }\n  }\n}\n';
    const pathValues = new Map([['@/*', new Map([[0, './src/*'], [1, './src/generated/*']])]]);
    expect(editTsconfigText(text, { removeBaseUrl: false, pathValues })).toBe(text.replace('"*"', '"./src/*"').replace('"generated/*"', '"./src/generated/*"'));
  });
});

describe('planTsconfigs', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-tsconfig-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const plan = () => planTsconfigs(findTsconfigs(dir, []), dir);
  const after = (result: ReturnType<typeof plan>, file: string) => result.edits.get(path.join(dir, file))?.after;

  it('follows extends: a tsconfig that inherits baseUrl and declares its own paths is edited too, and every alias names the same files', () => {
    writeFiles(dir, {
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "./src", "paths": { "@/*": ["*"] } } }\n',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "include": ["src"] }\n',
      'packages/web/tsconfig.json': '{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "paths": { "@web/*": ["../packages/web/src/*"] } },\n  "include": ["src"]\n}\n',
      'jsconfig.json': '{ "compilerOptions": { "baseUrl": "lib" } }\n',
    });
    const before = new Map(findTsconfigs(dir, []).map((f) => [f, readFacts(f).aliases]));
    const result = plan();
    expect(result.affected.map((c) => path.relative(dir, c.file)).sort()).toEqual(['jsconfig.json', 'packages/web/tsconfig.json', 'tsconfig.base.json', 'tsconfig.json']);
    expect(after(result, 'tsconfig.base.json')).toBe('{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n');
    expect(after(result, 'packages/web/tsconfig.json')).toContain('"paths": { "@web/*": ["./src/*"] }');
    expect(after(result, 'jsconfig.json')).toBe('{ "compilerOptions": { } }\n');
    expect(after(result, 'tsconfig.json')).toBeUndefined();
    expect(result.blocked).toEqual(new Map());
    const texts = new Map([...result.edits].map(([file, e]) => [file, e.after]));
    for (const [file, aliases] of before) {
      const now = readFacts(file, texts);
      expect([file, now.baseUrl]).toEqual([file, undefined]);
      expect([file, now.aliases]).toEqual([file, aliases]);
    }
  });

  it('writes inherited paths out where a tsconfig set its own baseUrl under them', () => {
    writeFiles(dir, {
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@/*": ["./app/*"] } } }\n',
      'tsconfig.json': '{\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": {\n    "baseUrl": "src"\n  }\n}\n',
    });
    const result = plan();
    expect(after(result, 'tsconfig.base.json')).toBeUndefined();
    expect(after(result, 'tsconfig.json')).toBe('{\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": {\n    "paths": {\n      "@/*": [\n        "./src/app/*"\n      ]\n    }\n  }\n}\n');
    expect(result.edits.get(path.join(dir, 'tsconfig.json'))!.what).toEqual(['`baseUrl` removed', 'inherited `paths` written out relative to this file']);
  });

  it('keeps a tsconfig whose baseUrl comes from a package it cannot edit', () => {
    writeFiles(dir, {
      'node_modules/@acme/tsconfig/base.json': '{ "compilerOptions": { "baseUrl": "." } }\n',
      'node_modules/@acme/tsconfig/package.json': '{ "name": "@acme/tsconfig", "version": "1.0.0" }\n',
      'tsconfig.json': '{ "extends": "@acme/tsconfig/base.json" }\n',
    });
    const result = plan();
    expect(result.edits.size).toBe(0);
    expect(result.blocked.get(path.join(dir, 'tsconfig.json'))).toContain('which canonize does not edit');
  });
});
