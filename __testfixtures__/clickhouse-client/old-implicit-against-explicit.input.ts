import { ClickHouse } from 'clickhouse';

// The old package sends output_format_json_quote_64bit_integers: 0 on its own; the canonical client states it.
const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function totals(): Promise<unknown> {
  return ch.query('SELECT count() AS n, sum(id) AS total FROM events').toPromise();
}
