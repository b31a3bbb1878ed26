/**
 * Jest's `moduleNameMapper`, read from `package.json` ("jest") or `jest.config.json` (a JavaScript config is
 * code and is not run): specifiers it maps are one more spelling of a project file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface JestMapper {
  /** The mapper's pattern, as written. */
  pattern: string;
  /** The path the specifier maps to, or `undefined` when the pattern does not match. */
  map(specifier: string): string | undefined;
  /** The one file the mapper names, when its replacement has no capture group. */
  target?: string;
}

/**
 * The jest config of `dir` that canonize can read: `jest.config.json`, else the `"jest"` key of `package.json`.
 * `at` is where the config sits in the file's JSON (`[]` or `["jest"]`).
 */
export function jestConfigFile(dir: string): { file: string; text: string; at: string[] } | undefined {
  const jsonConfig = path.join(dir, 'jest.config.json');
  if (fs.existsSync(jsonConfig)) return { file: jsonConfig, text: fs.readFileSync(jsonConfig, 'utf8'), at: [] };
  const pkg = path.join(dir, 'package.json');
  if (fs.existsSync(pkg)) {
    const text = fs.readFileSync(pkg, 'utf8');
    if ((JSON.parse(text) as { jest?: object }).jest) return { file: pkg, text, at: ['jest'] };
  }
  return undefined;
}

function readJestConfig(rootDir: string): { moduleNameMapper?: Record<string, string | string[]>; rootDir?: string } | undefined {
  const found = jestConfigFile(rootDir);
  if (!found) return undefined;
  const parsed = JSON.parse(found.text) as Record<string, unknown>;
  return (found.at.length > 0 ? parsed[found.at[0]!] : parsed) as ReturnType<typeof readJestConfig>;
}

/** The mappers of the jest config in `rootDir`, in order (jest uses the first that matches). */
export function jestMappers(rootDir: string): JestMapper[] {
  let config: ReturnType<typeof readJestConfig>;
  try {
    config = readJestConfig(rootDir);
  } catch {
    return [];
  }
  const base = path.resolve(rootDir, config?.rootDir ?? '.');
  return Object.entries(config?.moduleNameMapper ?? {}).flatMap(([pattern, replacement]) => {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      return [];
    }
    const target = Array.isArray(replacement) ? replacement[0] : replacement;
    if (typeof target !== 'string') return [];
    return [
      {
        pattern,
        ...(/\$\d/.test(target) ? {} : { target: path.resolve(base, target.replace(/<rootDir>/g, base)) }),
        map: (specifier: string) => (regex.test(specifier) ? path.resolve(base, specifier.replace(regex, target).replace(/<rootDir>/g, base)) : undefined),
      },
    ];
  });
}
