/**
 * A realistic monorepo for the benchmark, generated deterministically from a seed: packages with tsconfig
 * `paths`, barrels, a few shim modules, relative and alias imports of the same files, some ClickHouse
 * duplicates, and about 1% of files referencing a moved module. Two more configs beside the main one give the
 * jobs that plan many files: the whole-tree spelling job (every relative import spelt through the alias) and
 * the move of a module with a common name (`metrics`, which a few % of files mention without importing it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const WORDS = ['account', 'billing', 'cart', 'catalog', 'checkout', 'invoice', 'ledger', 'order', 'payment', 'pricing', 'profile', 'report', 'search', 'session', 'shipping', 'stock', 'tax', 'team', 'ticket', 'user'];
const KINDS = ['service', 'store', 'utils', 'types', 'hooks', 'view', 'client', 'mapper', 'policy', 'query'];

export interface GeneratedTree {
  root: string;
  files: number;
  /** Files that reference a moved module (the legacy engine shim or the old package). */
  affected: number;
  /** Config for canonize, relative to `root`. */
  config: string;
  /** The whole-tree spelling job: `canonical-specifiers` with `style: alias`. */
  spellingConfig: string;
  /** The move of `legacy/metrics` to `core/metrics`, a name a few % of files mention. */
  commonNameConfig: string;
  /** Files that mention `metrics`, and those of them that import the moved module. */
  metrics: { mention: number; affected: number };
  /** The moves, for the peer codemod. */
  moves: Array<{ from: string; to: string }>;
}

const FILES_PER_DIR = 50;
const DIRS_PER_PACKAGE = 20;

/**
 * Writes `files` source files below `root`. Package p has folders d0..d19 of 50 files each; every file
 * imports a few siblings (relative), a few files of other packages (alias), and about 1% import the moved
 * modules.
 */
export function generateTree(root: string, files: number, seed = 1): GeneratedTree {
  const rng = prng(seed);
  // Its own stream, so the main tree is the same with or without the common-name lines.
  const common = prng(seed + 7919);
  const metrics = { mention: 0, affected: 0 };
  const perPackage = FILES_PER_DIR * DIRS_PER_PACKAGE;
  const packages = Math.max(1, Math.ceil(files / perPackage));
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  // Names differ per package, as in a real monorepo; the same name in two packages would read as a copy.
  const moduleName = (p: number, d: number, f: number) => `${WORDS[(d + f + p) % WORDS.length]}-${KINDS[(f + p) % KINDS.length]}${p}-${f}`;
  const paths: Record<string, string[]> = {};
  for (let p = 0; p < packages; p++) paths[`@pkg${p}/*`] = [`packages/pkg${p}/src/*`];
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, jsx: 'react-jsx', baseUrl: '.', paths }, include: ['packages'] }, null, 2));
  write('.gitignore', 'node_modules\ncanonize-out\n');
  // The canonical engine, its deprecated shim, and the package the old package name moves to.
  write('packages/pkg0/src/core/engine.ts', 'export class Engine {\n  run(job: string): string {\n    return job.toUpperCase();\n  }\n}\nexport const createEngine = () => new Engine();\n');
  write('packages/pkg0/src/legacy/engine.ts', "/** @deprecated use @pkg0/core/engine */\nexport * from '../core/engine';\n");
  write('packages/pkg0/src/core/metrics.ts', 'export function recordMetric(name: string, value = 1): string {\n  return `${name}=${value}`;\n}\n');
  write('packages/pkg0/src/legacy/metrics.ts', "/** @deprecated use @pkg0/core/metrics */\nexport * from '../core/metrics';\n");
  write('node_modules/@acme/logger/package.json', JSON.stringify({ name: '@acme/logger', version: '1.0.0', types: 'index.d.ts', main: 'index.js' }));
  write('node_modules/@acme/logger/index.d.ts', 'export declare function log(message: string): void;\n');
  write('node_modules/@acme/logger/index.js', 'exports.log = (m) => console.log(m);\n');
  write('node_modules/old-logger/package.json', JSON.stringify({ name: 'old-logger', version: '0.9.0', types: 'index.d.ts', main: 'index.js' }));
  write('node_modules/old-logger/index.d.ts', 'export declare function log(message: string): void;\n');
  write('node_modules/old-logger/index.js', 'exports.log = (m) => console.log(m);\n');

  let written = 0;
  let affected = 0;
  for (let p = 0; p < packages && written < files; p++) {
    const barrel: string[] = [];
    for (let d = 0; d < DIRS_PER_PACKAGE && written < files; d++) {
      for (let f = 0; f < FILES_PER_DIR && written < files; f++) {
        const name = moduleName(p, d, f);
        const tsx = f % 10 === 9;
        const lines: string[] = [];
        const bound = new Set<string>([ident(name), `${ident(name)}Options`]);
        const bind = (local: string, line: string) => {
          if (!bound.has(local)) (bound.add(local), lines.push(line));
        };
        // Siblings, relative; other packages, through their alias; a few the long relative way.
        for (let i = 0; i < 1 + rng.int(3); i++) {
          const g = rng.int(FILES_PER_DIR);
          bind(ident(moduleName(p, d, g)), `import { ${ident(moduleName(p, d, g))} } from './${moduleName(p, d, g)}';`);
        }
        for (let i = 0; i < rng.int(3); i++) {
          const q = rng.int(packages);
          const e = rng.int(DIRS_PER_PACKAGE);
          const g = rng.int(FILES_PER_DIR);
          const spec = q === p && rng.chance(0.5) ? `../d${e}/${moduleName(q, e, g)}` : `@pkg${q}/d${e}/${moduleName(q, e, g)}`;
          bind(`${ident(moduleName(q, e, g))}Options`, `import type { ${ident(moduleName(q, e, g))}Options } from '${spec}';`);
        }
        if (rng.chance(0.008)) {
          affected++;
          const spec = p === 0 && rng.chance(0.5) ? (d === 0 ? '../legacy/engine' : '../legacy/engine') : '@pkg0/legacy/engine';
          lines.push(rng.chance(0.8) ? `import { createEngine } from '${spec}';` : `const { createEngine } = require('${spec}');`);
          lines.push(`export const engine${f} = createEngine();`);
        } else if (rng.chance(0.002)) {
          affected++;
          lines.push(`import { log } from '${rng.chance(0.5) ? 'old-logger' : 'old-logger/index'}';`, `log('${name}');`);
        }
        // A common name: about 4% of files mention `metrics`, a quarter of them import the moved module.
        if (common.chance(0.04)) {
          metrics.mention++;
          if (common.chance(0.25)) {
            metrics.affected++;
            const spec = p === 0 && common.chance(0.5) ? '../legacy/metrics' : '@pkg0/legacy/metrics';
            bind('recordMetric', `import { recordMetric } from '${spec}';`);
            lines.push(`export const ${ident(name)}Metric = recordMetric('${name}');`);
          } else {
            lines.push(`export const ${ident(name)}Metrics = { name: 'metrics', hits: 0 };`);
          }
        }
        if (written % 10007 === 17) {
          lines.push("import { createClient } from '@clickhouse/client';", `export const clickhouse${p}${d}${f} = createClient({ url: process.env.CLICKHOUSE_URL });`);
        }
        write(`packages/pkg${p}/src/d${d}/${name}.${tsx ? 'tsx' : 'ts'}`, `${[...lines, ...body(name, tsx, rng.int(4))].join('\n')}\n`);
        written++;
        if (f === 0) barrel.push(`export * from './d${d}/${name}';`);
      }
    }
    write(`packages/pkg${p}/src/index.ts`, `${barrel.join('\n')}\n`);
  }
  const include = ['packages/**/*.{ts,tsx}'];
  const moves = [
    { from: 'packages/pkg0/src/legacy/engine.ts', to: 'packages/pkg0/src/core/engine.ts' },
    { from: 'old-logger', to: '@acme/logger' },
  ];
  const config = (issues: unknown[]) => `${JSON.stringify({ include, issues }, null, 2)}\n`;
  write(
    'canonize.config.json',
    config([
      { id: 'engine-shim', migrations: [{ transform: 'canonical-imports', options: { moves: [moves[0]] } }] },
      { id: 'old-logger', migrations: [{ transform: 'canonical-imports', options: { moves: [moves[1]] } }] },
    ]),
  );
  write('canonize.spelling.json', config([{ id: 'one-spelling', migrations: [{ transform: 'canonical-specifiers', options: { style: 'alias' } }] }]));
  write('canonize.common-name.json', config([{ id: 'metrics-shim', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'packages/pkg0/src/legacy/metrics.ts', to: 'packages/pkg0/src/core/metrics.ts' }] } }] }]));
  return { root, files: written, affected, config: 'canonize.config.json', spellingConfig: 'canonize.spelling.json', commonNameConfig: 'canonize.common-name.json', metrics, moves };
}

function ident(name: string): string {
  return name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
}

/** A realistic body: an options interface, a function, sometimes a class or a component. */
function body(name: string, tsx: boolean, extra: number): string[] {
  const id = ident(name);
  const out = [
    '',
    `/** Options for ${name}. */`,
    `export interface ${id}Options {`,
    '  limit: number;',
    '  label?: string;',
    '}',
    '',
    `export function ${id}(options: ${id}Options): string[] {`,
    '  const out: string[] = [];',
    '  for (let i = 0; i < options.limit; i++) {',
    `    out.push(\`\${options.label ?? '${name}'}-\${i}\`);`,
    '  }',
    '  return out;',
    '}',
  ];
  for (let i = 0; i < extra; i++) {
    out.push('', `export class ${id[0]!.toUpperCase()}${id.slice(1)}Part${i} {`, `  private readonly items = new Map<string, number>();`, '  add(key: string): number {', '    const n = (this.items.get(key) ?? 0) + 1;', '    this.items.set(key, n);', '    return n;', '  }', '}');
  }
  if (tsx) out.push('', `export const ${id[0]!.toUpperCase()}${id.slice(1)}View = ({ label }: { label: string }) => <div className="${name}">{label}</div>;`);
  return out;
}
