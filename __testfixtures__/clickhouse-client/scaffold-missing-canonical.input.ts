import { createClient } from '@clickhouse/client';

const ch = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  username: process.env.CLICKHOUSE_USER ?? 'default',
  password: process.env.CLICKHOUSE_PASSWORD ?? '',
  database: process.env.CLICKHOUSE_DATABASE ?? 'default',
});

export async function sync(): Promise<void> {
  await ch.command({ query: 'SYSTEM FLUSH LOGS' });
}
