import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function seed(): Promise<void> {
  await ch.insert('INSERT INTO pairs (a, b)', [[1, 'one'], [2, 'two']]).toPromise();
  await ch.insert('INSERT INTO named (id, label)', [{ id: 1, label: 'first' }]).toPromise();
}
