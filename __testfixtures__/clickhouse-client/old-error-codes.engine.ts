/** Engine check: each way of reading an error code takes the same branch before and after. */
export const setup = [];
export const tables = [];

export async function run(m: Record<'destructured' | 'viaPromise' | 'viaCatch' | 'switched', () => Promise<unknown>>): Promise<unknown> {
  return { destructured: await m.destructured(), viaPromise: await m.viaPromise(), viaCatch: await m.viaCatch(), switched: await m.switched() };
}
