/**
 * A real ClickHouse engine on loopback for tests: chdb (embedded ClickHouse) behind a small HTTP server that
 * speaks the part of ClickHouse's HTTP interface the Node clients use. `/ping` answers `Ok.`; the SQL is the
 * `query` parameter followed by the body; `param_*` values bind `{name:Type}` placeholders; `database` picks
 * the database; other URL parameters are settings; errors are HTTP 500 with `Code: N. DB::Exception: …`.
 *
 * chdb's defaults differ from a server's. Each request starts from a server's defaults for the settings that
 * expose the traps between the clients (64-bit integers quoted in JSON, basic date parsing), so a test sees
 * what a user would see against a real server.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** URL parameters that are part of the HTTP protocol, not settings. */
const PROTOCOL_PARAMS = new Set([
  'query', 'database', 'query_id', 'session_id', 'session_timeout', 'session_check', 'user', 'password',
  'compress', 'decompress', 'default_format', 'wait_end_of_query', 'buffer_size', 'role', 'enable_http_compression',
]);

/** What a ClickHouse server (before 25.8) does by default where chdb differs. */
const SERVER_DEFAULTS: Record<string, string> = {
  output_format_json_quote_64bit_integers: '1',
  date_time_input_format: "'basic'",
};

interface ChdbSession {
  query(sql: string, format: string): string;
  queryBind(sql: string, args: Record<string, unknown>, format: string): string;
  cleanup?(): void;
}

export interface ClickHouseHttp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Runs SQL on the engine directly (for setting up and reading back tables). */
  sql(query: string, format?: string): string;
  /** Every request the server answered: method, SQL and settings, for assertions. */
  requests: Array<{ sql: string; settings: Record<string, string>; status: number }>;
  close(): Promise<void>;
}

function contentType(format: string | undefined): string {
  if (!format) return 'text/plain; charset=UTF-8';
  if (/^JSON.*EachRow/i.test(format)) return 'application/x-ndjson; charset=UTF-8';
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(CSV)/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
  if (/^(TabSeparated|TSV)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

function literal(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export async function startClickHouse(): Promise<ClickHouseHttp> {
  const { Session } = require('chdb') as { Session: new (dir: string) => ChdbSession };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-chdb-'));
  const session = new Session(dir);
  const touched = new Set<string>(Object.keys(SERVER_DEFAULTS));
  const requests: ClickHouseHttp['requests'] = [];

  const execute = (url: URL, body: string): string => {
    for (const name of touched) session.query(`SET ${name} = DEFAULT`, 'TabSeparated');
    for (const [name, value] of Object.entries(SERVER_DEFAULTS)) session.query(`SET ${name} = ${value}`, 'TabSeparated');
    const settings: Record<string, string> = {};
    const binds: Record<string, string> = {};
    for (const [name, value] of url.searchParams) {
      if (name.startsWith('param_')) binds[name.slice('param_'.length)] = value;
      else if (!PROTOCOL_PARAMS.has(name)) settings[name] = value;
    }
    for (const [name, value] of Object.entries(settings)) {
      touched.add(name);
      session.query(`SET ${name} = ${literal(value)}`, 'TabSeparated');
    }
    // The `database` parameter picks the database unqualified names are in, as a server does.
    session.query(`USE ${quoteIdentifier(url.searchParams.get('database') || 'default')}`, 'TabSeparated');
    const sql = [url.searchParams.get('query') ?? '', body].filter((part) => part !== '').join('\n');
    requests.push({ sql, settings, status: 200 });
    return Object.keys(binds).length > 0 ? session.queryBind(sql, binds, 'TabSeparated') : session.query(sql, 'TabSeparated');
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // `/ping`, and `GET /` without a query, answer `Ok.` as a server does.
      if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n');
        return;
      }
      const queryId = url.searchParams.get('query_id') ?? `q-${requests.length + 1}`;
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const out = execute(url, body);
        const format = /\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(url.searchParams.get('query') ?? body)?.[1] ?? (out === '' ? undefined : 'TabSeparated');
        res.writeHead(200, {
          // As a server answers: clients such as @apla/clickhouse parse JSON only when it says JSON.
          'Content-Type': contentType(format),
          ...(format ? { 'X-ClickHouse-Format': format } : {}),
          'X-ClickHouse-Query-Id': queryId,
          'X-ClickHouse-Summary': JSON.stringify({ read_rows: '0', read_bytes: '0', written_rows: '0', written_bytes: '0', total_rows_to_read: '0', result_rows: '0', result_bytes: '0', elapsed_ns: '0' }),
        });
        res.end(out);
      } catch (error) {
        const message = String((error as Error).message).replace(/^Query failed: /, '');
        const code = /^Code: (\d+)\./.exec(message)?.[1] ?? '1000';
        if (requests.length > 0) requests[requests.length - 1]!.status = 500;
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': code, 'X-ClickHouse-Query-Id': queryId });
        res.end(`${message}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sql: (query, format = 'JSONEachRow') => {
      // Read back with chdb's own defaults, not the settings of the last request.
      for (const name of touched) session.query(`SET ${name} = DEFAULT`, 'TabSeparated');
      session.query('USE default', 'TabSeparated');
      return session.query(query, format);
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      session.cleanup?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
