import { createClient } from '@clickhouse/client';

/** The one ClickHouse client of acme-agents, on the official client. */
export const clickhouse = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
});
