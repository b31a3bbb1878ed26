import { ClickHouseService } from '@/lib/clickhouse-service';

const service = new ClickHouseService();

export async function eventNames(): Promise<string[]> {
  const result = await service.select({ query: 'SELECT DISTINCT name FROM events ORDER BY name', format: 'JSONEachRow' });
  const rows = (await result.json()) as unknown as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

export async function recordNamed(id: number, name: string): Promise<void> {
  await service.insertRows({ table: 'events', values: [{ id, name }], format: 'JSONEachRow' });
}
