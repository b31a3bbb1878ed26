/** Every data function against one ClickHouse server (CLICKHOUSE_URL); prints what they returned as JSON. */
import { createTables, functionLogs, writeLogs } from '@/api/logs';
import { missingTable, usage } from '@/api/stats';

async function demo(): Promise<Record<string, unknown>> {
  await createTables();
  await writeLogs([
    { functionId: 'f1', level: 'info', message: 'started', timestamp: new Date(1699999990000) },
    { functionId: 'f1', level: 'error', message: 'failed', timestamp: new Date(1700000000600) },
    { functionId: 'f2', level: 'info', message: 'other', timestamp: new Date(1700000001000) },
  ]);
  return {
    all: await functionLogs({ functionId: 'f1', timeframe: 'Last week', level: 'all' }),
    errors: await functionLogs({ functionId: 'f1', timeframe: 'Last hour', level: 'error' }),
    usage: await usage(['f1', 'f2']),
    missing: await missingTable(),
  };
}

demo().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
