import { createClient } from '@clickhouse/client';

// A copy of the canonical client, pasted inline.
const ch = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
});

export async function recordEvents(events: Array<{ id: number; name: string }>): Promise<void> {
  await ch.insert({ table: 'events', values: events, format: 'JSONEachRow' });
}

export async function countEvents(): Promise<number> {
  const result = await ch.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' });
  const rows = (await result.json()) as Array<{ n: string }>;
  return Number(rows[0]!.n);
}
