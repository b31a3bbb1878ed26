/** Engine check: 64-bit integers stay numbers through the canonical client's own setting. */
export const setup = ['CREATE TABLE analytics.events (id UInt64) ENGINE = MergeTree ORDER BY id', 'INSERT INTO analytics.events VALUES (1), (2)'];
export const tables = [];

export async function run(m: { totals(): Promise<unknown> }): Promise<unknown> {
  return { totals: await m.totals() };
}
