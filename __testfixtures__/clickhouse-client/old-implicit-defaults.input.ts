import { ClickHouse } from 'clickhouse';

// No port (the old package adds 8123), its own session_timeout and forced 64-bit setting: the same server and
// behaviour as the canonical client, so it merges.
const reports = new ClickHouse({
  host: 'http://localhost',
  basicAuth: { username: 'default', password: '' },
  database: 'analytics',
  config: { session_timeout: 60, output_format_json_quote_64bit_integers: 0, enable_http_compression: 0 },
});

export async function count(): Promise<unknown> {
  return reports.query('SELECT count() AS n FROM events').toPromise();
}
