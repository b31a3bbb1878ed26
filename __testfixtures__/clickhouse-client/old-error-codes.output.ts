import { clickhouse as ch } from '@/db/clickhouse';

export async function destructured(): Promise<string> {
  try {
    await ch.command({ query: 'SELECT * FROM missing_table' });
    return 'found';
  } catch ({ code }) {
    return Number(code) === 60 ? 'unknown table' : 'other';
  }
}

export function viaPromise(): Promise<string> {
  return ch.query({ query: 'SELECT * FROM missing_table', format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>()).then(
    () => 'found',
    (e: { code: number }) => (Number(e.code) === 60 ? 'unknown table' : 'other'),
  );
}

export function viaCatch(): Promise<unknown> {
  return ch.query({ query: 'SELECT * FROM missing_table', format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } }).then((result) => result.json<Object>()).catch((e) => (Number(e.code) === 60 ? [] : Promise.reject(e)));
}

export async function switched(): Promise<string> {
  try {
    await ch.command({ query: 'SELECT * FROM missing_table' });
    return 'found';
  } catch (error) {
    switch (Number((error as { code: number }).code)) {
      case 60:
        return 'unknown table';
      case 81:
        return 'unknown database';
      default:
        throw error;
    }
  }
}
