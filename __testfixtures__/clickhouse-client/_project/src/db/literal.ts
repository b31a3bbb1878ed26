import { createClient } from '@clickhouse/client';

/** A canonical client on a literal URL (for the @apla fixture). */
export const clickhouse = createClient({ url: 'http://localhost:8123', database: 'analytics' });
