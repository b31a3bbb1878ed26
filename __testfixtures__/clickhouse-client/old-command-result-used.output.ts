import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function migrate(): Promise<unknown> {
  // The old client resolves `{ r: 1 }` here; the official query() would resolve [] and command() nothing.
  const res = await ch.query('CREATE TABLE IF NOT EXISTS visits (path String) ENGINE = MergeTree ORDER BY path').toPromise();
  return res;
}

export async function columns(): Promise<unknown> {
  // No FORMAT is appended to DESCRIBE by the old client.
  return ch.query('DESCRIBE TABLE visits').toPromise();
}
