import { clickhouse } from '@/db/clickhouse';

export async function ping(): Promise<boolean> {
  const client = clickhouse;
  return (await client.ping()).success;
}
