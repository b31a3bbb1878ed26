import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function destructured(): Promise<string> {
  try {
    await ch.query('SELECT * FROM missing_table').toPromise();
    return 'found';
  } catch ({ code }) {
    return code === 60 ? 'unknown table' : 'other';
  }
}

export function viaPromise(): Promise<string> {
  return ch.query('SELECT * FROM missing_table').toPromise().then(
    () => 'found',
    (e: { code: number }) => (e.code === 60 ? 'unknown table' : 'other'),
  );
}

export function viaCatch(): Promise<unknown> {
  return ch.query('SELECT * FROM missing_table').toPromise().catch((e) => (e.code === 60 ? [] : Promise.reject(e)));
}

export async function switched(): Promise<string> {
  try {
    await ch.query('SELECT * FROM missing_table').toPromise();
    return 'found';
  } catch (error) {
    switch ((error as { code: number }).code) {
      case 60:
        return 'unknown table';
      case 81:
        return 'unknown database';
      default:
        throw error;
    }
  }
}
