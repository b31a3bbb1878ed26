import { clickhouse } from '@/db/clickhouse';
import type { ClickHouseClient } from '@clickhouse/client';

const service = clickhouse;

export async function latest(limit: number) {
  const result = await service.query({ query: 'SELECT * FROM events ORDER BY at DESC LIMIT {limit:UInt32}', query_params: { limit }, format: 'JSONEachRow' });
  return result.json();
}

export async function store(values: Array<{ id: number }>, target: ClickHouseClient = service) {
  await service.insert({ table: 'events', values, format: 'JSONEachRow' });
  return target;
}
