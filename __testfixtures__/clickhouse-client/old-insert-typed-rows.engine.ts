/** Engine check: inherited Dates, booleans, nullable and optional fields, generic rows and class getters land the same. */
export const setup = [
  'CREATE TABLE analytics.visits (id UInt32, at DateTime, flag UInt8, note Nullable(String), referrer String) ENGINE = MergeTree ORDER BY id',
  'CREATE TABLE analytics.tags (id UInt32, tag String) ENGINE = MergeTree ORDER BY id',
  'CREATE TABLE analytics.samples (id UInt32, value UInt32) ENGINE = MergeTree ORDER BY id',
];
export const tables = ['visits', 'tags', 'samples'];

interface Subject {
  saveVisits(rows: unknown[]): Promise<void>;
  saveTags(rows: unknown[]): Promise<void>;
  saveSamples(rows: unknown[]): Promise<void>;
  Sample: new (id: number, raw: number) => unknown;
}

export async function run(m: Subject): Promise<unknown> {
  await m.saveVisits([
    { id: 1, at: new Date(1700000000600), flag: true, note: null },
    { id: 2, at: new Date(1700000000400), flag: false, note: 'x', referrer: 'https://a.example/?q=1\tz' },
  ]);
  await m.saveTags([{ id: 1, tag: 'a' }]);
  await m.saveSamples([new m.Sample(1, 21)]);
  return 'saved';
}
