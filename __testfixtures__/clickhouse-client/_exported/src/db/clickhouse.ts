import { createClient } from '@clickhouse/client';

/** The one ClickHouse client, on the official package. */
export const clickhouse = createClient({
  url: process.env.CLICKHOUSE_URL,
  username: process.env.CLICKHOUSE_USER,
  password: process.env.CLICKHOUSE_PASSWORD,
});
