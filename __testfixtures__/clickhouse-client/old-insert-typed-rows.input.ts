import { ClickHouse } from 'clickhouse';

const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

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
  await ch.insert('INSERT INTO visits (id, at, flag, note, referrer)', visits).toPromise();
}

export async function saveTags(rows: ReadonlyArray<Tagged<{ id: number }>>): Promise<void> {
  await ch.insert('INSERT INTO tags (id, tag)', rows).toPromise();
}

export class Sample {
  constructor(readonly id: number, private readonly raw: number) {}
  get value(): number {
    return this.raw * 2;
  }
}

export async function saveSamples(samples: Sample[]): Promise<void> {
  await ch.insert('INSERT INTO samples (id, value)', samples).toPromise();
}
