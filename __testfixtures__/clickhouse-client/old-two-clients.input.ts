import { ClickHouse } from 'clickhouse';

const reader = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });
const writer = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function copy(): Promise<unknown> {
  try {
    await writer.query('TRUNCATE TABLE IF EXISTS copies').toPromise();
    return await reader.query('SELECT count() AS n FROM events').toPromise();
  } catch (error) {
    if ((error as { code: number }).code === 60) return [];
    throw error;
  }
}
