import { createClient, type ClickHouseClient } from '@clickhouse/client';

let client: ClickHouseClient | undefined;

/** A singleton getter of its own client. */
export function getClickHouseClient(): ClickHouseClient {
  client ??= createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });
  return client;
}
