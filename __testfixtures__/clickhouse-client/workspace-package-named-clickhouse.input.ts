import { clickhouseEvent } from 'clickhouse';
import { createClient } from '@clickhouse/client';

const ch = createClient({ url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123', database: 'analytics' });

export async function events(): Promise<unknown[]> {
  return (await ch.query({ query: `SELECT * FROM ${clickhouseEvent.table}`, format: 'JSONEachRow' })).json();
}
