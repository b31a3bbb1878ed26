import { createClient, type ClickHouseClient } from '@clickhouse/client';

let client: ClickHouseClient | undefined;

/** A singleton getter that builds a client of its own. */
export function getClickHouseClient(): ClickHouseClient {
  client ??= createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123' });
  return client;
}
