import { clickhouse as ch } from '@/db/clickhouse';

interface PageView {
  id: number;
  path: string;
}

const TOP = 'SELECT path, count() AS views FROM page_views GROUP BY path ORDER BY views DESC LIMIT {n:UInt32}';

export async function tagged(session: string): Promise<unknown> {
  return ch.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow', session_id: session, query_id: 'probe', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>());
}

export async function setup(): Promise<void> {
  await ch.command({ query: 'CREATE TABLE IF NOT EXISTS page_views (id UInt64, path String) ENGINE = MergeTree ORDER BY id' });
}

export async function record(rows: PageView[]): Promise<void> {
  await ch.insert({ table: 'page_views', values: rows, format: 'JSONEachRow', columns: ['id', 'path'] });
}

export async function topPaths(n: number) {
  try {
    return await ch.query({ query: TOP, format: 'JSONEachRow', query_params: { n }, clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>());
  } catch (error) {
    if (Number((error as { code: number }).code) === 60) return [];
    throw error;
  }
}
