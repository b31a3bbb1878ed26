import { clickhouse as ch } from '@/db/clickhouse';

const SINCE = 'SELECT count() AS n FROM events WHERE at >= {since:DateTime} AND ok = {ok:UInt8} AND name = {name:String}';

export async function since(from: Date, ok: boolean, name: string): Promise<unknown> {
  return ch.query({ query: SINCE, format: 'JSONEachRow', query_params: { since: Math.round(from.getTime() / 1000), ok: ok ? 1 : 0, name }, clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>());
}
