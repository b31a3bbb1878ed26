import { createClient } from '@clickhouse/client';

const client = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

/** An export whose name is not a plain word (`$` is valid in identifiers). */
export { client as $ch };
