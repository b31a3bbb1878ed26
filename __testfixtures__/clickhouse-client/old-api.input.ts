import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
  database: 'analytics',
  config: { session_timeout: 60, output_format_json_quote_64bit_integers: 0 },
});

interface PageView {
  id: number;
  path: string;
}

const TOP = 'SELECT path, count() AS views FROM page_views GROUP BY path ORDER BY views DESC LIMIT {n:UInt32}';

export async function tagged(session: string): Promise<unknown> {
  return ch.query('SELECT 1 AS one', {}, { sessionId: session, queryId: 'probe' }).toPromise();
}

export async function setup(): Promise<void> {
  await ch.query('CREATE TABLE IF NOT EXISTS page_views (id UInt64, path String) ENGINE = MergeTree ORDER BY id').toPromise();
}

export async function record(rows: PageView[]): Promise<void> {
  await ch.insert('INSERT INTO page_views (id, path)', rows).toPromise();
}

export async function topPaths(n: number) {
  try {
    return await ch.query(TOP, { params: { n } }).toPromise();
  } catch (error) {
    if ((error as { code: number }).code === 60) return [];
    throw error;
  }
}
