/** A workspace package named `clickhouse` (as vemetric has): project code, not the old npm package. */
export const clickhouseEvent = { table: 'events' };
