/**
 * The config's validators: one for the top level (`base`) and one per transform's `options`. The build
 * turns them into plain functions with ajv's standalone code (see build-validators.ts), so a run neither
 * loads ajv's compiler nor compiles a schema (about 70 ms together, on every run). Where no build exists
 * (the sources under ts-jest), or the build is older than the schemas, they are compiled here, with the
 * same options.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Options, ValidateFunction } from 'ajv';
import { loadMigration } from '../registry';
import { baseSchema } from './schema';

/** The options every validator is made with; `verbose` puts the failing data in each error. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: false };

/** Where the build writes the precompiled validators (beside this file in `dist/`). */
export const GENERATED = path.join(__dirname, 'validators.generated.js');

/** The build's module: a function per validator name, and the schemas they were made from. */
type Generated = Record<string, ValidateFunction> & { [SCHEMAS]: Record<string, object> };

/** The export under which the build records its schemas (not a validator name: no transform is named so). */
export const SCHEMAS = '__schemas';

let generated: Generated | null | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator `name` (`base` or a transform's name). */
export function validatorFor(name: string): ValidateFunction {
  const schema = name === 'base' ? baseSchema() : loadMigration(name)!.optionsSchema;
  generated ??= fs.existsSync(GENERATED) ? (require(GENERATED) as Generated) : null;
  const built = generated?.[name];
  if (built && JSON.stringify(generated![SCHEMAS][name]) === JSON.stringify(schema)) return built;
  let fn = compiled.get(name);
  if (!fn) {
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    compiled.set(name, (fn = new Ajv(AJV_OPTIONS).compile(schema)));
  }
  return fn;
}
