/** Engine check for old-api: DDL, an insert, a parameterised query, per-query ids and a missing table. */
export const setup = ['CREATE TABLE analytics.events (id UInt64, name String) ENGINE = MergeTree ORDER BY id'];
export const tables = ['page_views'];

export async function run(m: {
  setup(): Promise<void>;
  record(rows: Array<{ id: number; path: string }>): Promise<void>;
  topPaths(n: number): Promise<unknown>;
  tagged(session: string): Promise<unknown>;
}): Promise<unknown> {
  const missing = await m.topPaths(1);
  await m.setup();
  await m.record([{ id: 1, path: '/' }, { id: 2, path: '/docs' }, { id: 3, path: '/' }]);
  return { missing, top: await m.topPaths(2), tagged: await m.tagged('s1') };
}
