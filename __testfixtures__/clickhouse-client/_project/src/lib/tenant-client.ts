import { createClient, type ClickHouseClient } from '@clickhouse/client';

/** A client per tenant connection (as hyperdx builds one per user connection). */
export class TenantClient {
  private readonly client: ClickHouseClient;

  constructor({ host, username, password }: { host: string; username: string; password: string }) {
    this.client = createClient({ url: host, username, password, database: 'analytics' });
  }

  query(params: Parameters<ClickHouseClient['query']>[0]) {
    return this.client.query(params);
  }
}
