import { clickhouse as ch } from '@/db/clickhouse';

interface Base {
  id: number;
  at: Date;
}

// An inherited Date, a boolean, a nullable and an optional string: each sent as the old package sent it.
interface Visit extends Base {
  flag: boolean;
  note: string | null;
  referrer?: string;
}

type Tagged<T> = T & { tag: 'a' | 'b' };

export async function saveVisits(visits: Visit[]): Promise<void> {
  await ch.insert({ table: 'visits', values: visits.map((row) => ({ id: row.id, at: Math.round(row.at.getTime() / 1000), flag: row.flag ? 1 : 0, note: row.note ?? '', referrer: row.referrer ?? '' })), format: 'JSONEachRow', columns: ['id', 'at', 'flag', 'note', 'referrer'] });
}

export async function saveTags(rows: ReadonlyArray<Tagged<{ id: number }>>): Promise<void> {
  await ch.insert({ table: 'tags', values: rows, format: 'JSONEachRow', columns: ['id', 'tag'] });
}

export class Sample {
  constructor(readonly id: number, private readonly raw: number) {}
  get value(): number {
    return this.raw * 2;
  }
}

export async function saveSamples(samples: Sample[]): Promise<void> {
  await ch.insert({ table: 'samples', values: samples.map((row) => ({ id: row.id, value: row.value })), format: 'JSONEachRow', columns: ['id', 'value'] });
}
