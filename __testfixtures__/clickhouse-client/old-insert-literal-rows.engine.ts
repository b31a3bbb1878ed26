/** Engine check: literal array and object rows land the same. */
export const setup = ['CREATE TABLE analytics.pairs (a UInt32, b String) ENGINE = MergeTree ORDER BY a', 'CREATE TABLE analytics.named (id UInt32, label String) ENGINE = MergeTree ORDER BY id'];
export const tables = ['pairs', 'named'];

export async function run(m: { seed(): Promise<void> }): Promise<unknown> {
  await m.seed();
  return 'seeded';
}
