import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseService } from '../lib/clickhouse-service';

const service = new ClickHouseService();

export function pick(other: ClickHouseClient | undefined, fallback: ClickHouseService = service): ClickHouseClient | ClickHouseService {
  return other ?? fallback;
}
