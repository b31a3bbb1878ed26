import { ClickHouse } from 'clickhouse';

// The old unofficial package, from before the official client existed.
const ch = new ClickHouse({
  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',
});

interface PageView {
  id: number;
  path: string;
}

export async function createTables(): Promise<void> {
  await ch.query('CREATE TABLE IF NOT EXISTS events (id UInt64, name String) ENGINE = MergeTree ORDER BY id').toPromise();
  await ch.query('CREATE TABLE IF NOT EXISTS page_views (id UInt64, path String) ENGINE = MergeTree ORDER BY id').toPromise();
}

export async function recordViews(views: PageView[]): Promise<void> {
  await ch.insert('INSERT INTO page_views (id, path)', views).toPromise();
}

/** The most viewed paths; `views` is a UInt64, which the old client returns as a number. */
export async function topPaths(n: number): Promise<unknown> {
  return ch.query('SELECT path, count() AS views FROM page_views GROUP BY path ORDER BY views DESC, path LIMIT {n:UInt32}', { params: { n } }).toPromise();
}

export async function probeMissingTable(): Promise<string> {
  try {
    await ch.query('SELECT * FROM no_such_table').toPromise();
    return 'no error';
  } catch (error) {
    return (error as { code: number }).code === 60 ? 'unknown table' : 'another error';
  }
}
