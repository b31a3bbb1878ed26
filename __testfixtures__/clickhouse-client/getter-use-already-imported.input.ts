import { clickhouse as db } from '@/db/clickhouse';
import { getClickHouseClient } from '@/lib/get-client';

export async function both(): Promise<boolean> {
  await db.command({ query: 'SELECT 1' });
  return (await getClickHouseClient().ping()).success;
}
