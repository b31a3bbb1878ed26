import { clickhouse as apla } from '@/db/literal';

export async function topEvents(): Promise<unknown> {
  return apla.query({ query: 'SELECT name, count() AS n FROM events GROUP BY name ORDER BY n DESC', format: 'JSONCompact' }).then((result) => result.json());
}

export async function asObjects(): Promise<unknown> {
  return apla.query({ query: 'SELECT name FROM events', format: 'JSON' }).then((result) => result.json());
}

export async function alive(): Promise<unknown> {
  return apla.ping().then((result) => (result.success ? 'Ok.\n' : Promise.reject(result.error)));
}
