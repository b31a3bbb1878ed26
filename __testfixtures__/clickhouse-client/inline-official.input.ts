import { createClient } from '@clickhouse/client';

const ch = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
});

export async function countEvents(): Promise<unknown[]> {
  const result = await ch.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' });
  return result.json();
}
