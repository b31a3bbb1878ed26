import { createClient } from '@clickhouse/client';

export let ch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export function useTestClient(client: typeof ch): void {
  ch = client;
}
