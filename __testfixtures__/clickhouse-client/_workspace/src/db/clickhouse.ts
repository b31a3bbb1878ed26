import { createClient } from '@clickhouse/client';

/** The one ClickHouse client. */
export const clickhouse = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
});
