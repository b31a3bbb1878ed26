import { TenantClient } from '@/lib/tenant-client';
import { getPinnedClient } from '@/lib/get-pinned-client';

export async function tenantEvents(connection: { host: string; username: string; password: string }): Promise<unknown[]> {
  const client = new TenantClient(connection);
  const result = await client.query({ query: 'SELECT * FROM events', format: 'JSONEachRow' });
  return result.json();
}

export async function total(): Promise<unknown[]> {
  const result = await getPinnedClient().query({ query: 'SELECT sum(id) AS total FROM events', format: 'JSONEachRow' });
  return result.json();
}
