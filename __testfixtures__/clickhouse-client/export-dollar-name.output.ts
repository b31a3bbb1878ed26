import { $ch as ch } from '@/db/dollar';

export async function names(): Promise<string[]> {
  const rows = await (await ch.query({ query: 'SELECT name FROM events', format: 'JSONEachRow' })).json<{ name: string }>();
  return rows.map((row) => row.name);
}
