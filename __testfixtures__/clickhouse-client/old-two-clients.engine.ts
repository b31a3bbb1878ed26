/** Engine check for old-two-clients: the TRUNCATE runs, the count comes back as a number, a missing table gives []. */
export const setup = ['CREATE TABLE analytics.events (id UInt64, name String) ENGINE = MergeTree ORDER BY id', "INSERT INTO analytics.events VALUES (1, 'a'), (2, 'b')", 'CREATE TABLE analytics.copies (id UInt64) ENGINE = MergeTree ORDER BY id', 'INSERT INTO analytics.copies VALUES (1)'];
export const tables = ['events', 'copies'];

export async function run(m: { copy(): Promise<unknown> }): Promise<unknown> {
  return { copy: await m.copy() };
}
