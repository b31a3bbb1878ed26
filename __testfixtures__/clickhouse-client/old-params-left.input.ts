import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

interface Window {
  from: Date;
  to: Date;
}

// The parameters come as one object whose Dates the old package sent as seconds: written out by hand.
export async function between(window: Window): Promise<unknown> {
  return ch.query('SELECT count() AS n FROM events WHERE at BETWEEN {from:DateTime} AND {to:DateTime}', { params: window }).toPromise();
}
