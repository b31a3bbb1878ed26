/** Export tables read off the syntax tree: what a module exports, and the declaration behind each name. */
import * as path from 'node:path';
import { ExportTables, originKey } from '../src/syntax/exports';

/** Tables over in-memory modules `/p/<name>.ts`; `./x` resolves to `/p/x.ts` when it exists. */
function tablesOf(files: Record<string, string>): ExportTables {
  const abs = (name: string) => `/p/${name}.ts`;
  const texts = new Map(Object.entries(files).map(([name, text]) => [abs(name), text]));
  return new ExportTables({
    resolve: (specifier, from) => {
      const file = path.join(path.dirname(from), `${specifier}.ts`);
      return specifier.startsWith('.') && texts.has(file) ? file : undefined;
    },
    read: (file) => texts.get(file),
  });
}

function summary(tables: ExportTables, name: string): Record<string, string> | undefined {
  const table = tables.of(`/p/${name}.ts`);
  if (!table) return undefined;
  return Object.fromEntries([...table.names].map(([n, o]) => [n, `${originKey(o).replace('/p/', '')}${o.typeOnly ? ' (type)' : ''}`]));
}

it('follows re-exports, renames and imported bindings to the declaring module', () => {
  const tables = tablesOf({
    tool: 'export class Tool {}\nexport interface Options {}\nexport default function make() {}\nconst hidden = 1;\nexport { hidden as visible };',
    shim: "export { Tool as Instrument, default as make } from './tool';\nexport type { Options } from './tool';\nimport { visible } from './tool';\nexport { visible };\nimport D from './tool';\nexport default D;",
  });
  expect(summary(tables, 'shim')).toEqual({
    Instrument: 'tool.ts#Tool',
    make: 'tool.ts#make',
    Options: 'tool.ts#Options (type)',
    visible: 'tool.ts#hidden',
    default: 'tool.ts#make',
  });
});

it('export * passes on every name but default; explicit exports win; a name two stars give differently is exported by neither', () => {
  const tables = tablesOf({
    a: 'export const x = 1;\nexport const y = 1;\nexport default 1;',
    b: 'export const x = 2;\nexport { y } from "./a";\nexport const z = 2;',
    barrel: "export * from './a';\nexport * from './b';\nexport const z = 3;",
  });
  const barrel = tables.of('/p/barrel.ts')!;
  expect(summary(tables, 'barrel')).toEqual({ z: 'barrel.ts#z', y: 'a.ts#y' });
  expect([...barrel.explicit]).toEqual(['z']);
  expect(barrel.complete).toBe(true);
});

it('a table is incomplete when it cannot be known: a package star, export =, CommonJS; unreadable modules have none', () => {
  const tables = tablesOf({
    pkg: "export * from 'react';\nexport const mine = 1;",
    assign: 'const x = 1;\nexport = x;',
    cjs: 'module.exports.a = 1;',
    broken: 'export const = ;',
  });
  expect(tables.of('/p/pkg.ts')).toMatchObject({ complete: false });
  expect(summary(tables, 'pkg')).toEqual({ mine: 'pkg.ts#mine' });
  expect(tables.of('/p/assign.ts')!.complete).toBe(false);
  expect(tables.of('/p/cjs.ts')!.complete).toBe(false);
  expect(tables.of('/p/broken.ts')).toBeUndefined();
  expect(tables.of('/p/missing.ts')).toBeUndefined();
});

it('modules that export * from each other do not loop', () => {
  const tables = tablesOf({ a: "export * from './b';\nexport const a = 1;", b: "export * from './a';\nexport const b = 1;" });
  expect(summary(tables, 'a')).toEqual({ a: 'a.ts#a', b: 'b.ts#b' });
});

it('tells types from values: interfaces and type aliases are types, a name that is both is a value', () => {
  const tables = tablesOf({ m: 'export interface I {}\nexport type T = 1;\nexport const V = 1;\nexport type V = number;\nexport enum E {}\nexport type { V as W };' });
  expect(summary(tables, 'm')).toEqual({ I: 'm.ts#I (type)', T: 'm.ts#T (type)', V: 'm.ts#V', E: 'm.ts#E', W: 'm.ts#V (type)' });
});
