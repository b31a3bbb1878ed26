import { clickhouse as ch } from '../db/clickhouse';
import { clickhouseEvent } from 'clickhouse';

export async function events(): Promise<unknown[]> {
  return (await ch.query({ query: `SELECT * FROM ${clickhouseEvent.table}`, format: 'JSONEachRow' })).json();
}
