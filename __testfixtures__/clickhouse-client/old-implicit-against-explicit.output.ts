import { clickhouse as ch } from '@/db/pinned';

export async function totals(): Promise<unknown> {
  return ch.query({ query: 'SELECT count() AS n, sum(id) AS total FROM events', format: 'JSONEachRow' }).then((result) => result.json<Object>());
}
