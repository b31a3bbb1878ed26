import { createClient } from '@clickhouse/client';

/** A canonical client that states the old package's 64-bit integer setting itself. */
export const clickhouse = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
  clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
});
