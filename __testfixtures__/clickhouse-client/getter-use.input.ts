import { getClickHouseClient } from '@/lib/get-client';

export async function ping(): Promise<boolean> {
  const client = getClickHouseClient();
  return (await client.ping()).success;
}
