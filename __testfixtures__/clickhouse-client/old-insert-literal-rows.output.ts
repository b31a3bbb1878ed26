import { clickhouse as ch } from '@/db/clickhouse';

export async function seed(): Promise<void> {
  await ch.insert({ table: 'pairs', values: [[1, 'one'], [2, 'two']], format: 'JSONCompactEachRow', columns: ['a', 'b'] });
  await ch.insert({ table: 'named', values: [{ id: 1, label: 'first' }], format: 'JSONEachRow', columns: ['id', 'label'] });
}
