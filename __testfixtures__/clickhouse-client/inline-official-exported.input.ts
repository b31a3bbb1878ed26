import { createClient, type ClickHouseClient } from '@clickhouse/client';

export const analytics: ClickHouseClient = createClient({ database: 'analytics', url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123' });
