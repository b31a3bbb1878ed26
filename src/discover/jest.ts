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

function readJestConfig(rootDir: string): { moduleNameMapper?: Record<string, string | string[]>; rootDir?: string } | undefined {
  const jsonConfig = path.join(rootDir, 'jest.config.json');
  if (fs.existsSync(jsonConfig)) return JSON.parse(fs.readFileSync(jsonConfig, 'utf8'));
  const pkg = path.join(rootDir, 'package.json');
  if (fs.existsSync(pkg)) return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { jest?: object }).jest;
  return undefined;
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
