/**
 * Every data-access function of the example against one ClickHouse server (CLICKHOUSE_URL); prints what
 * they returned as JSON. The integration test runs it before and after the clickhouse-clients migration.
 */
import { countEvents, recordEvents } from '@/analytics/events';
import { eventNames, recordNamed } from '@/analytics/dashboard';
import { createTables, probeMissingTable, recordViews, topPaths } from '@/legacy/reports';
import { healthy, viewCount } from '@/workers/metrics';

export async function clickhouseDemo(): Promise<Record<string, unknown>> {
  await createTables();
  await recordEvents([{ id: 1, name: 'signup' }, { id: 2, name: 'login' }]);
  await recordNamed(3, 'logout');
  await recordViews([{ id: 1, path: '/' }, { id: 2, path: '/docs' }, { id: 3, path: '/' }]);
  return {
    healthy: await healthy(),
    events: await countEvents(),
    names: await eventNames(),
    top: await topPaths(2),
    views: await viewCount(),
    missingTable: await probeMissingTable(),
  };
}

if (require.main === module) {
  clickhouseDemo().then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
