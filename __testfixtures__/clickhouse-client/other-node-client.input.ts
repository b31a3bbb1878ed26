import ClickHouse from '@apla/clickhouse';

// The @apla client, pointed at the same server by its parts.
const apla = new ClickHouse({ host: 'localhost', port: 8123, queryOptions: { database: 'analytics' } });

export async function topEvents(): Promise<unknown> {
  return apla.querying('SELECT name, count() AS n FROM events GROUP BY name ORDER BY n DESC');
}

export async function asObjects(): Promise<unknown> {
  return apla.querying('SELECT name FROM events', { dataObjects: true });
}

export async function alive(): Promise<unknown> {
  return apla.pinging();
}
