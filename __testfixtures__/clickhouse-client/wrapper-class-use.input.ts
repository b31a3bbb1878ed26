import { ClickHouseService } from '../lib/clickhouse-service';

const service = new ClickHouseService();

export async function latest(limit: number) {
  const result = await service.select({ query: 'SELECT * FROM events ORDER BY at DESC LIMIT {limit:UInt32}', query_params: { limit }, format: 'JSONEachRow' });
  return result.json();
}

export async function store(values: Array<{ id: number }>, target: ClickHouseService = service) {
  await service.insertRows({ table: 'events', values, format: 'JSONEachRow' });
  return target;
}
