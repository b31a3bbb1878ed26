/**
 * The one setting the worker pools share (src/custom/pool.ts, src/verify/respelt-pool.ts):
 * `CANONIZE_WORKERS=<n>` gives a pool `n` threads and starts it at once; `0` means no pool.
 */

/** The number of threads `CANONIZE_WORKERS` asks for, or `undefined` when it is not set (each pool decides). */
export function forcedWorkers(): number | undefined {
  const setting = process.env.CANONIZE_WORKERS;
  return setting !== undefined && setting !== '' ? Number(setting) : undefined;
}
