/**
 * The test engine serves both ClickHouse clients over real HTTP, and shows the traps the clickhouse-client
 * transform must handle (see ../shared notes): 64-bit integers, FORMAT in SQL, insert formats, error codes.
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { ClickHouse } from 'clickhouse';
import { startClickHouse, type ClickHouseHttp } from './support/clickhouse-http';

let engine: ClickHouseHttp;
let official: ClickHouseClient;
let old: InstanceType<typeof ClickHouse>;

beforeAll(async () => {
  engine = await startClickHouse();
  official = createClient({ url: engine.url, log: { level: ClickHouseLogLevel.OFF } });
  old = new ClickHouse({ url: 'http://127.0.0.1', port: engine.port });
  engine.sql('CREATE TABLE events (id UInt64, name String, at DateTime, ok Bool) ENGINE = MergeTree ORDER BY id', 'TabSeparated');
});

afterAll(async () => {
  await official.close();
  await engine.close();
});

it('answers /ping for the official client', async () => {
  expect(await official.ping()).toEqual({ success: true });
});

it('64-bit integers: the old package forces numbers, the official client gets strings unless told', async () => {
  const sql = 'SELECT toUInt64(42) AS n, 1 AS small';
  expect(await old.query(sql).toPromise()).toEqual([{ n: 42, small: 1 }]);
  expect(await (await official.query({ query: sql, format: 'JSONEachRow' })).json()).toEqual([{ n: '42', small: 1 }]);
  const kept = await official.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  expect(await kept.json()).toEqual([{ n: 42, small: 1 }]);
});

it('query parameters reach the engine from both clients', async () => {
  const sql = 'SELECT toUInt32({x:UInt32} + 1) AS y';
  expect(await old.query(sql, { params: { x: 41 } }).toPromise()).toEqual([{ y: 42 }]);
  const rs = await official.query({ query: sql, query_params: { x: 41 }, format: 'JSONEachRow' });
  expect(await rs.json()).toEqual([{ y: 42 }]);
});

it('SQL with its own FORMAT: the official query() fails, exec() works', async () => {
  await expect(official.query({ query: 'SELECT 1 FORMAT CSV' })).rejects.toThrow(/Syntax error|FORMAT/i);
  const result = await official.exec({ query: 'SELECT 1 FORMAT CSV' });
  const chunks: Buffer[] = [];
  for await (const chunk of result.stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('1\n');
});

it('inserts land the same: old TabSeparated rows and official JSONEachRow objects', async () => {
  await old.insert('INSERT INTO events (id, name, at, ok)', [{ id: 1, name: 'old', at: '2024-01-02 03:04:05', ok: true }]).toPromise();
  await official.insert({ table: 'events', values: [{ id: 2, name: 'new', at: '2024-01-02 03:04:05', ok: true }], format: 'JSONEachRow' });
  expect(engine.sql('SELECT id, name, toString(at) AS at, ok FROM events ORDER BY id')).toBe(
    '{"id":1,"name":"old","at":"2024-01-02 03:04:05","ok":true}\n{"id":2,"name":"new","at":"2024-01-02 03:04:05","ok":true}\n',
  );
});

it('array rows land the same: old TabSeparated arrays and official JSONCompactEachRow with columns', async () => {
  engine.sql('CREATE TABLE pairs (a UInt32, b String) ENGINE = MergeTree ORDER BY a', 'TabSeparated');
  await old.insert('INSERT INTO pairs (a, b)', [[1, 'one']]).toPromise();
  await official.insert({ table: 'pairs', values: [[2, 'two']], format: 'JSONCompactEachRow', columns: ['a', 'b'] });
  expect(engine.sql('SELECT * FROM pairs ORDER BY a')).toBe('{"a":1,"b":"one"}\n{"a":2,"b":"two"}\n');
});

it('error codes: a number from the old package, a string from the official client', async () => {
  const codeOf = (p: Promise<unknown>) => p.then(() => 'no error', (e: { code: unknown }) => e.code);
  expect(await codeOf(old.query('SELECT * FROM missing_table').toPromise())).toBe(60);
  expect(await codeOf(official.query({ query: 'SELECT * FROM missing_table' }))).toBe('60');
});

it('@apla/clickhouse: querying() and its rewrite on the official client return the same document', async () => {
  const Apla = require('@apla/clickhouse') as new (options: object) => { querying(sql: string, options?: object): Promise<Record<string, unknown>>; pinging(): Promise<unknown> };
  const apla = new Apla({ host: '127.0.0.1', port: engine.port });
  const sql = 'SELECT number AS n, toString(number) AS s FROM system.numbers LIMIT 3';
  // Timing statistics differ from call to call; @apla adds `transferred`, which the rewrite refuses to drop silently.
  const strip = ({ statistics: _s, transferred: _t, ...doc }: Record<string, unknown>) => doc;
  const compact = await official.query({ query: sql, format: 'JSONCompact' }).then((result) => result.json());
  expect(strip(compact as unknown as Record<string, unknown>)).toEqual(strip(await apla.querying(sql)));
  const objects = await official.query({ query: sql, format: 'JSON' }).then((result) => result.json());
  expect(strip(objects as unknown as Record<string, unknown>)).toEqual(strip(await apla.querying(sql, { dataObjects: true })));
  expect(await apla.pinging()).toBe('Ok.\n');
  expect(await official.ping().then((result) => (result.success ? 'Ok.\n' : Promise.reject(result.error)))).toBe('Ok.\n');
});

it('a statement that returns no rows: the old client resolves { r: 1 }, official query() an empty list', async () => {
  expect(await old.query('CREATE TABLE IF NOT EXISTS r1 (a UInt8) ENGINE = Memory').toPromise()).toEqual({ r: 1 });
  await expect(official.command({ query: 'CREATE TABLE IF NOT EXISTS r1 (a UInt8) ENGINE = Memory' })).resolves.toMatchObject({ query_id: expect.any(String) });
});

it('Date query parameters: the old client sends rounded unix seconds, the official client a fraction DateTime rejects', async () => {
  const sql = 'SELECT toString({d:DateTime}) AS d';
  const when = new Date(1700000000600);
  expect(await old.query(sql, { params: { d: when } }).toPromise()).toEqual([{ d: '2023-11-14 22:13:21' }]);
  await expect(official.query({ query: sql, query_params: { d: when }, format: 'JSONEachRow' })).rejects.toThrow(/cannot be parsed as DateTime/);
  const converted = await official.query({ query: sql, query_params: { d: Math.round(when.getTime() / 1000) }, format: 'JSONEachRow' });
  expect(await converted.json()).toEqual([{ d: '2023-11-14 22:13:21' }]);
});

it('object rows: the old client sends null and undefined as empty strings, Dates as rounded seconds, booleans as 1/0', async () => {
  engine.sql('CREATE TABLE notes (id UInt32, at DateTime, flag UInt8, note Nullable(String)) ENGINE = MergeTree ORDER BY id', 'TabSeparated');
  const when = new Date(1700000000600);
  await old.insert('INSERT INTO notes (id, at, flag, note)', [{ id: 1, at: when, flag: true, note: null }]).toPromise();
  // As JSON unchanged: the Date fails to parse (milliseconds), and null would be stored as NULL.
  await expect(official.insert({ table: 'notes', values: [{ id: 2, at: when, flag: true, note: null }], format: 'JSONEachRow' })).rejects.toThrow(/Cannot parse input/);
  await official.insert({ table: 'notes', values: [{ id: 3, at: when.toISOString().slice(0, 19).replace('T', ' '), flag: true, note: null }], format: 'JSONEachRow' });
  // Mapped as the old package encodes each field: the same row.
  await official.insert({ table: 'notes', values: [{ id: 4, at: Math.round(when.getTime() / 1000), flag: 1, note: '' }], format: 'JSONEachRow', columns: ['id', 'at', 'flag', 'note'] });
  expect(engine.sql('SELECT id, toString(at) AS at, flag, note FROM notes ORDER BY id')).toBe(
    '{"id":1,"at":"2023-11-14 22:13:21","flag":1,"note":""}\n{"id":3,"at":"2023-11-14 22:13:20","flag":1,"note":null}\n{"id":4,"at":"2023-11-14 22:13:21","flag":1,"note":""}\n',
  );
});

it('object rows without a column list: the old client refuses them', async () => {
  await expect(old.insert('INSERT INTO notes', [{ id: 5 }]).toPromise()).rejects.toThrow(/field list/);
});
