import clickhouse from 'lib/clickhouse';

export type Timeframe = 'Last hour' | 'Last week';

export interface LogLine {
  level: string;
  message: string;
  timestamp: Date;
}

export async function createTables(): Promise<void> {
  await clickhouse.query('CREATE TABLE IF NOT EXISTS logs (function_id String, level String, message String, timestamp DateTime) ENGINE = MergeTree ORDER BY timestamp').toPromise();
}

export async function writeLogs(lines: Array<LogLine & { functionId: string }>): Promise<void> {
  const rows = lines.map((l) => ({ function_id: l.functionId, level: l.level, message: l.message, timestamp: l.timestamp }));
  await clickhouse.insert('INSERT INTO logs (function_id, level, message, timestamp)', rows).toPromise();
}

export async function functionLogs(input: { functionId: string; timeframe: Timeframe; level: string }) {
  const result = (await clickhouse
    .query(
      `SELECT
  level,
  message,
  timestamp
FROM logs
WHERE
  function_id = '${input.functionId}'
AND
  timestamp >= toDateTime('2023-11-14 00:00:00') - INTERVAL ${input.timeframe === 'Last hour' ? '1 HOUR' : '1 WEEK'}
${input.level !== 'all' ? `AND level = '${input.level}'` : ''}
ORDER BY timestamp DESC
LIMIT 100`,
    )
    .toPromise()) as { level: string; message: string; timestamp: string }[];

  return result;
}
