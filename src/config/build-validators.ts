/**
 * Build step (`npm run build`): writes `validators.generated.js` beside the compiled validators.js, ajv's
 * standalone code for the config's top-level schema and every transform's options schema, plus the schemas
 * themselves so a run can tell when the file is older than the code (it then compiles at run time).
 */
import * as fs from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import writeFileAtomic from 'write-file-atomic';
import { transformNames, loadMigration } from '../registry';
import { baseSchema } from './schema';
import { AJV_OPTIONS, GENERATED, SCHEMAS } from './validators';

const schemas: Record<string, object> = { base: baseSchema() };
for (const name of transformNames()) schemas[name] = loadMigration(name)!.optionsSchema;
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
const code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
writeFileAtomic.sync(GENERATED, `${code}\nexports[${JSON.stringify(SCHEMAS)}] = ${JSON.stringify(schemas)};\n`);
fs.chmodSync(GENERATED, 0o644);
process.stdout.write(`wrote ${GENERATED} (${Object.keys(schemas).length} validators)\n`);
