import { clickhouse as db } from '@/db/clickhouse';

export async function both(): Promise<boolean> {
  await db.command({ query: 'SELECT 1' });
  return (await db.ping()).success;
}
