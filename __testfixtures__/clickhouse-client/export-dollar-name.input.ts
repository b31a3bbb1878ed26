import { createClient } from '@clickhouse/client';

const ch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function names(): Promise<string[]> {
  const rows = await (await ch.query({ query: 'SELECT name FROM events', format: 'JSONEachRow' })).json<{ name: string }>();
  return rows.map((row) => row.name);
}
