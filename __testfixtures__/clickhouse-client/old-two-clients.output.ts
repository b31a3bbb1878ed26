import { clickhouse as reader, clickhouse as writer } from '@/db/clickhouse';

export async function copy(): Promise<unknown> {
  try {
    await writer.command({ query: 'TRUNCATE TABLE IF EXISTS copies' });
    return await reader.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>());
  } catch (error) {
    if (Number((error as { code: number }).code) === 60) return [];
    throw error;
  }
}
