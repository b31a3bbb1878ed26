import { createClient } from '@clickhouse/client';

export function makeClient() {
  return createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });
}
