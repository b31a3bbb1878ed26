import { clickhouse as ch } from '@/db/clickhouse';

export async function countEvents(): Promise<unknown[]> {
  const result = await ch.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' });
  return result.json();
}
