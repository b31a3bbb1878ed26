const { ClickHouse } = require('clickhouse');

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function save(visits: unknown[]): Promise<void> {
  await ch.insert('INSERT INTO visits (at, path)', visits).toPromise();
}

export async function csv(): Promise<unknown> {
  return ch.query('SELECT * FROM visits FORMAT CSV').toPromise();
}

export function each(onRow: (row: unknown) => void): void {
  ch.query('SELECT * FROM visits').stream().on('data', onRow);
}

export function legacy(cb: (error: Error, rows?: unknown[]) => void): void {
  ch.query('SELECT 1').exec(cb);
}

interface Flag {
  name: string;
  on: boolean | null;
}

export async function saveFlags(flags: Flag[]): Promise<void> {
  await ch.insert('INSERT INTO flags (name, on)', flags).toPromise();
}

export async function totals(): Promise<unknown> {
  return ch.query('SELECT path, count() FROM visits GROUP BY path WITH TOTALS').toPromise();
}

export function pin(session: string): void {
  ch.sessionId = session;
}
