import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

const RETRYABLE = [159, 209];

export async function withRetry(): Promise<unknown> {
  try {
    return await ch.query('SELECT 1 AS one').toPromise();
  } catch (error) {
    // A number from the old package, a string from the official one: includes() would stop matching.
    if (RETRYABLE.includes((error as { code: number }).code)) return ch.query('SELECT 1 AS one').toPromise();
    throw error;
  }
}
