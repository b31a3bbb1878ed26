import { clickhouse as ch } from '@/db/clickhouse';

export async function sync(): Promise<void> {
  await ch.command({ query: 'SYSTEM FLUSH LOGS' });
}
