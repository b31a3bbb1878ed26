import { clickhouse } from '@/db/clickhouse';
import type { ClickHouseClient } from '@clickhouse/client';

const service = clickhouse;

export function pick(other: ClickHouseClient | undefined, fallback: ClickHouseClient = service): ClickHouseClient | ClickHouseClient {
  return other ?? fallback;
}
