import { getClickHouseClient } from '@/lib/get-client';

export async function healthy(): Promise<boolean> {
  return (await getClickHouseClient().ping()).success;
}

export async function viewCount(): Promise<number> {
  const result = await getClickHouseClient().query({ query: 'SELECT count() AS n FROM page_views', format: 'JSONEachRow' });
  const rows = (await result.json()) as Array<{ n: string }>;
  return Number(rows[0]!.n);
}
