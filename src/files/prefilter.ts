/**
 * Text pre-filters: what a file's text must hold for a migration to have anything to do in it. The runner
 * uses them to decide which files to plan at all (on the thread that reads them), and each transform checks
 * the same filter before parsing, so the two can never disagree.
 */

/** A file a migration may change holds one of `needles`, or matches one of `patterns`. */
export interface Prefilter {
  needles: string[];
  patterns?: RegExp[];
}

/** Whether `text` may hold something for a migration with this filter; no filter means every file. */
export function mayMatch(text: string, prefilter: Prefilter | undefined): boolean {
  if (!prefilter) return true;
  for (const needle of prefilter.needles) if (text.includes(needle)) return true;
  for (const pattern of prefilter.patterns ?? []) if (pattern.test(text)) return true;
  return false;
}

/**
 * The filter of a whole run: a file is planned when any migration may change it. `undefined` when some
 * migration has no filter (every file is planned).
 */
export function unionOf(filters: Array<Prefilter | undefined>): Prefilter | undefined {
  if (filters.some((f) => f === undefined)) return undefined;
  return {
    needles: [...new Set(filters.flatMap((f) => f!.needles))],
    patterns: filters.flatMap((f) => f!.patterns ?? []),
  };
}
