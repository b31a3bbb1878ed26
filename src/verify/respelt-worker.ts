/**
 * A thread of the proof's pool (see respelt-pool.ts): parses each file's old text as the proof's program would
 * (its module format from its extension and the nearest package.json) and aligns the new text with it; and
 * makes the hunks of the file's patch. Nothing is resolved here: the runner's thread resolves, with its caches.
 */
import type * as TS from 'typescript';
import { hunksText } from '../report/patch';
import { loadTypescript } from '../typescript/load';
import { parseAsInProgram } from '../typescript/program';
import { witnessOfTexts } from './spelling';
import type { RespeltAnswer, RespeltTask } from './respelt-pool';

const ts: typeof TS = loadTypescript();
const packageJsons = ts.createModuleResolutionCache(process.cwd(), (f) => f).getPackageJsonInfoCache();

export default function witnesses(task: RespeltTask): RespeltAnswer {
  return task.files.map((f) => {
    const format = ts.getImpliedNodeFormatForFile(f.file as TS.Path, packageJsons, ts.sys, task.options);
    const parse = (text: string) => parseAsInProgram(f.file, text, task.options, format);
    const witness = witnessOfTexts({ before: f.before, after: f.after, parse, whole: () => parse(f.before), options: task.options, ts }) ?? null;
    return { witness, hunks: hunksText(f.before, f.after) };
  });
}
