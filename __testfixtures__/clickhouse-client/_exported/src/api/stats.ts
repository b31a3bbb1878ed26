import ch from 'lib/clickhouse';

export async function usage(functions: string[]): Promise<number> {
  const result = (await ch
    .query(
      `SELECT
  count(*) as requests
FROM logs
WHERE
  function_id IN ('${functions.join("','")}')`,
    )
    .toPromise()) as { requests: number }[];

  return result[0]?.requests || 0;
}

export async function missingTable(): Promise<string> {
  try {
    await ch.query('SELECT * FROM no_such_table').toPromise();
    return 'no error';
  } catch (e) {
    return (e as { code: number }).code === 60 ? 'unknown table' : 'another error';
  }
}
