import { createClient, type ClickHouseClient } from '@clickhouse/client';

/** A hand-written wrapper around its own client, with the client's methods under other names. */
export class ClickHouseService {
  private readonly client: ClickHouseClient = createClient({
    url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  });

  select(params: Parameters<ClickHouseClient['query']>[0]) {
    return this.client.query(params);
  }

  insertRows(params: Parameters<ClickHouseClient['insert']>[0]) {
    return this.client.insert(params);
  }
}
