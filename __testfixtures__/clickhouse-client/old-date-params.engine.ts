/** Engine check: a Date with milliseconds and a boolean as query parameters select the same rows. */
export const setup = [
  'CREATE TABLE analytics.events (id UInt32, at DateTime, ok UInt8, name String) ENGINE = MergeTree ORDER BY id',
  "INSERT INTO analytics.events VALUES (1, '2023-11-14 22:13:20', 1, 'a'), (2, '2023-11-14 22:13:21', 1, 'a'), (3, '2023-11-14 22:13:22', 0, 'a')",
];
export const tables = [];

export async function run(m: { since(from: Date, ok: boolean, name: string): Promise<unknown> }): Promise<unknown> {
  return { rounded: await m.since(new Date(1700000000600), true, 'a'), early: await m.since(new Date(1700000000400), false, 'a') };
}
