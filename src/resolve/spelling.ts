/**
 * Spelling rules: the project-wide styles canonical-specifiers knows, a style read off an existing specifier,
 * and the path forms a rule may spell a target file with. Pure: no file system, no TypeScript.
 */
import * as path from 'node:path';
import { isInside, relativePath } from '../files/paths';
import { dropSourceExtension, isIndexFile, jsExtensionFor } from './extensions';
import type { ResolutionKind } from './resolver';

/** A project-wide spelling rule (the canonical-specifiers options). */
export interface CanonicalSpellingRequest {
  fromFile: string;
  target: string;
  /**
   * `alias`: the most specific tsconfig `paths` alias; `relative`; `alias-outside-folder`: `./x` in the same
   * folder, alias otherwise; `relative-below`: relative for the importing file's folder and below it, alias for
   * what a relative path would reach through `../`. Where no alias reaches the file, every style is relative.
   */
  style: SpellingStyleName;
  /**
   * With `relative-below`: a folder (absolute) whose whole tree the importing file also reaches relatively,
   * `../useApi` included, for a folder that imports its own tree that way.
   */
  within?: string;
  /** `none`: no extension where resolution allows; `js`: `.js`-style suffix; `ts`: the file's own extension. */
  extension: 'none' | 'js' | 'ts';
  /** `drop`: name a folder for its index file (`@/types/unified`); `add`: name the index (`@/types/unified/index`). */
  index: 'drop' | 'add';
  kind?: ResolutionKind;
}

/** The project-wide spelling styles canonical-specifiers knows. */
export const SPELLING_STYLES = ['relative-below', 'alias-outside-folder', 'alias', 'relative'] as const;
export type SpellingStyleName = (typeof SPELLING_STYLES)[number];

/**
 * Whether `style` spells `target` from `fromFile` through an alias (when one reaches it) rather than
 * relatively. Pure: discover uses it to measure every style from the two spellings of each reference.
 * `within` (absolute, `relative-below` only) widens "below" to that folder's whole tree.
 */
export function usesAlias(style: SpellingStyleName, fromFile: string, target: string, within?: string): boolean {
  switch (style) {
    case 'alias':
      return true;
    case 'relative':
      return false;
    case 'alias-outside-folder':
      return path.dirname(fromFile) !== path.dirname(target);
    case 'relative-below':
      // The index of the importing file's own folder is that folder's public API: named by the folder's name
      // (`@/features/orders`), never `'.'`.
      if (isIndexFile(target) && path.dirname(target) === path.dirname(fromFile)) return true;
      return !isInside(path.dirname(fromFile), target) && !(within !== undefined && isInside(within, fromFile) && isInside(within, target));
  }
}

/** How a specifier is spelled, read off an existing one so a rewritten specifier follows the file's habits. */
export interface SpellingStyle {
  kind: 'relative' | 'alias' | 'baseUrl' | 'bare';
  /** `js`: `.js` suffixes (NodeNext); `ts`: the source's own extension; `none`. */
  extension: 'js' | 'ts' | 'none';
  /** The alias key used, for `alias`. */
  aliasKey?: string;
}

/** The path forms (without, or with the chosen extension; directory for an index) to spell for `target`. */
export function spellingForms(target: string, extension: SpellingStyle['extension'], directoryForm: boolean): string[] {
  const stem = dropSourceExtension(target);
  const forms: string[] = [];
  if (directoryForm && isIndexFile(target) && extension === 'none') forms.push(path.dirname(target));
  if (extension === 'js') forms.push(stem + jsExtensionFor(target));
  else if (extension === 'ts') forms.push(target);
  forms.push(stem);
  if (extension === 'none') forms.push(stem + jsExtensionFor(target), target);
  return [...new Set(forms)];
}

/** Forms for a project-wide rule: the preferred one first, then the fallbacks resolution may need. */
export function canonicalForms(target: string, extension: CanonicalSpellingRequest['extension'], index: CanonicalSpellingRequest['index']): string[] {
  const stem = dropSourceExtension(target);
  const js = stem + jsExtensionFor(target);
  const forms = index === 'drop' && isIndexFile(target) ? [path.dirname(target)] : [];
  for (const form of extension === 'js' ? [js, stem, target] : extension === 'ts' ? [target, stem, js] : [stem, js, target]) if (!forms.includes(form)) forms.push(form);
  return forms;
}

/** `form` (absolute) as a relative specifier from `fromFile`: `./x`, `../x`, or `.`. */
export function relativeSpecifier(fromFile: string, form: string): string {
  const rel = relativePath(path.dirname(fromFile), form);
  if (rel === '') return '.';
  return rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}
