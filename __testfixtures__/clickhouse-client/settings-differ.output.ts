import { createClient } from '@clickhouse/client';
import { ClickHouse } from 'clickhouse';

// Another database and a longer timeout: a human decides.
export const reporting = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'reporting',
  request_timeout: 120000,
});

// The old client on a fixed host: not the canonical client's server.
export const legacy = new ClickHouse({ url: 'http://clickhouse.internal', port: 8123, database: 'analytics' });

// A setting of its own, per client.
export const slow = createClient({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
  clickhouse_settings: { max_execution_time: 10 },
});

// Request parameters of its own (a header that changes the response format).
export const headed = new ClickHouse({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
  reqParams: { headers: { 'x-clickhouse-format': 'JSON' } },
});
