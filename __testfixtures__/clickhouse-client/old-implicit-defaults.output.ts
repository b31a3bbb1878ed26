import { clickhouse as reports } from '@/db/literal';

export async function count(): Promise<unknown> {
  return reports.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>());
}
