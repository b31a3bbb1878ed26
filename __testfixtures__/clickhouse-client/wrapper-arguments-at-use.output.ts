import { ClickHouseService } from '@/lib/clickhouse-service';
import { getClickHouseClient } from '@/lib/get-client';

// The wrappers take no arguments; these would be dropped silently, so the uses stay.
const service = new ClickHouseService({ database: 'reporting' } as never);

export function client() {
  return (getClickHouseClient as (database: string) => ReturnType<typeof getClickHouseClient>)('reporting') ?? getClickHouseClient();
}

export async function count() {
  return service.select({ query: 'SELECT count() FROM events' });
}
