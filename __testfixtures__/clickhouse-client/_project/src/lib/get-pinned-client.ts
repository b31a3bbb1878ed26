import { createClient, type ClickHouseClient } from '@clickhouse/client';

let client: ClickHouseClient | undefined;

/** A getter whose client keeps 64-bit integers as numbers: not the canonical client's behaviour. */
export function getPinnedClient(): ClickHouseClient {
  client ??= createClient({
    url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
    database: 'analytics',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return client;
}
