import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

const SINCE = 'SELECT count() AS n FROM events WHERE at >= {since:DateTime} AND ok = {ok:UInt8} AND name = {name:String}';

export async function since(from: Date, ok: boolean, name: string): Promise<unknown> {
  return ch.query(SINCE, { params: { since: from, ok, name } }).toPromise();
}
