/**
 * Connection settings of ClickHouse clients, as they take effect: the official `createClient({...})` and the
 * old `new ClickHouse({...})` spell the same connection differently (`url` + `port`, `basicAuth`, implicit
 * defaults). Two clients can be merged only when their effective settings are equal; values that are code
 * (`process.env.X`) are compared by their text.
 */
import type * as t from '@babel/types';

export type Setting = { kind: 'value'; value: string | number | boolean } | { kind: 'expr'; text: string };

/** What decides a client's behaviour, by name; `settings.x` for a ClickHouse setting. */
export type Effective = Map<string, Setting>;

export interface ReadSettings {
  effective: Effective;
  /** Why the object cannot be read (a spread, a computed key), if it cannot. */
  opaque?: string;
  /** The old client's own query behaviour: result format, raw output, forced 64-bit integers. */
  oldFormat?: string;
  oldRaw?: boolean;
  /** The value the old client sends for output_format_json_quote_64bit_integers (0 unless configured). */
  quote64?: Setting;
  /** What a reviewer should check about the old client's implicit port. */
  portNote?: string;
}

/**
 * Settings the old package sends on every request, compared as they take effect rather than as written:
 * `session_timeout` does nothing without a session (the old client opens none by default);
 * `output_format_json_quote_64bit_integers` is pinned on every converted query instead (see `quote64`);
 * `enable_http_compression` only lets the server compress what the client asks to be compressed, which
 * changes the transfer, never a result.
 */
const OLD_SENT_SETTINGS = new Set(['session_timeout', 'output_format_json_quote_64bit_integers', 'enable_http_compression']);

/** How an old client's settings compare with the canonical client's (see {@link differences}). */
export const OLD_COMPARISON: Comparison = {
  officialOnly: false,
  ignore: new Set([...OLD_SENT_SETTINGS].map((name) => `settings.${name}`)),
};

/** How two clients' settings are compared. */
export interface Comparison {
  /** Compare the official client's transport options too (both clients are official). */
  officialOnly: boolean;
  /** Keys that never differ in effect (handled per call, or without effect). */
  ignore?: ReadonlySet<string>;
  /** The value a key takes on a side that does not set it. */
  defaults?: ReadonlyMap<string, Setting>;
}

/** Official client options compared between two official clients, with their defaults. */
const OFFICIAL_DEFAULTS: Record<string, Setting> = {
  request_timeout: { kind: 'value', value: 30000 },
  max_open_connections: { kind: 'value', value: 10 },
  'compression.response': { kind: 'value', value: false },
  'compression.request': { kind: 'value', value: false },
};
const OFFICIAL_EXTRA = ['application', 'session_id', 'role', 'pathname', 'access_token', 'http_headers', 'additional_headers', 'tls', 'keep_alive', 'json'];

/** Old-package options canonize reads (or knows to be transport details that change no result). */
const OLD_KNOWN = new Set(['url', 'host', 'port', 'basicAuth', 'user', 'username', 'password', 'database', 'config', 'format', 'raw', 'debug', 'trimQuery', 'usePost', 'isUseGzip']);

type Props = Map<string, t.Node>;

function props(node: t.ObjectExpression): { props: Props; opaque?: string } {
  const out: Props = new Map();
  for (const p of node.properties) {
    if (p.type !== 'ObjectProperty' || p.computed) return { props: out, opaque: 'the settings object has a spread or a computed key' };
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
    if (key === undefined) return { props: out, opaque: 'the settings object has a key canonize cannot read' };
    out.set(key, p.value);
  }
  return { props: out };
}

function settingOf(node: t.Node, source: string): Setting {
  if (node.type === 'StringLiteral' || node.type === 'NumericLiteral' || node.type === 'BooleanLiteral') return { kind: 'value', value: node.value };
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return { kind: 'value', value: node.quasis[0]!.value.cooked ?? '' };
  return { kind: 'expr', text: source.slice(node.start!, node.end!).replace(/\s+/g, ' ') };
}

/** `http://host:port/path` with the port spelled out, for a literal URL; the text otherwise. */
function normalizeUrl(setting: Setting, defaultPort: string | undefined): Setting {
  if (setting.kind !== 'value' || typeof setting.value !== 'string') return setting;
  try {
    const url = new URL(setting.value.includes('://') ? setting.value : `http://${setting.value}`);
    const port = url.port || defaultPort || (url.protocol === 'https:' ? '443' : '80');
    return { kind: 'value', value: `${url.protocol}//${url.hostname}:${port}${url.pathname.replace(/\/$/, '')}` };
  } catch {
    return setting;
  }
}

function addSettings(effective: Effective, node: t.Node | undefined, source: string, skip: Set<string>): string | undefined {
  if (!node) return undefined;
  if (node.type !== 'ObjectExpression') {
    effective.set('settings', settingOf(node, source));
    return undefined;
  }
  const inner = props(node);
  for (const [key, value] of inner.props) if (!skip.has(key)) effective.set(`settings.${key}`, settingOf(value, source));
  return inner.opaque;
}

/** The effective settings of `createClient(options)` from @clickhouse/client. */
export function officialSettings(options: t.Node | undefined, source: string): ReadSettings {
  const effective: Effective = new Map();
  if (options && options.type !== 'ObjectExpression') return { effective, opaque: 'the settings are not an object literal' };
  const { props: p, opaque } = options ? props(options) : { props: new Map<string, t.Node>(), opaque: undefined };
  const value = (key: string, fallback: Setting) => (p.has(key) ? settingOf(p.get(key)!, source) : fallback);
  effective.set('url', normalizeUrl(value('url', p.has('host') ? settingOf(p.get('host')!, source) : { kind: 'value', value: 'http://localhost:8123' }), undefined));
  effective.set('username', value('username', { kind: 'value', value: 'default' }));
  effective.set('password', value('password', { kind: 'value', value: '' }));
  effective.set('database', value('database', { kind: 'value', value: 'default' }));
  for (const [key, fallback] of Object.entries(OFFICIAL_DEFAULTS)) {
    const [outer, inner] = key.split('.');
    const node = inner ? nested(p.get(outer!), inner) : p.get(key);
    effective.set(key, node ? settingOf(node, source) : fallback);
  }
  for (const key of OFFICIAL_EXTRA) if (p.has(key)) effective.set(key, settingOf(p.get(key)!, source));
  const settingsOpaque = addSettings(effective, p.get('clickhouse_settings'), source, new Set());
  return { effective, opaque: opaque ?? settingsOpaque };
}

/** The effective settings of `new ClickHouse(options)` from the old `clickhouse` package. */
export function oldSettings(options: t.Node | undefined, source: string): ReadSettings {
  const effective: Effective = new Map();
  if (options && options.type !== 'ObjectExpression') return { effective, opaque: 'the settings are not an object literal' };
  const { props: p, opaque: unreadable } = options ? props(options) : { props: new Map<string, t.Node>(), opaque: undefined };
  // reqParams (headers, timeouts), sessions per query, GET requests: behaviour canonize cannot compare.
  const unknown = [...p.keys()].find((key) => !OLD_KNOWN.has(key));
  const opaque = unreadable ?? (unknown ? `the old client sets \`${unknown}\`, which changes how it talks to the server` : undefined);
  const url = p.get('url') ?? p.get('host');
  const port = p.get('port');
  const base = url ? settingOf(url, source) : ({ kind: 'value', value: 'http://localhost' } as Setting);
  const portSetting = port ? settingOf(port, source) : ({ kind: 'value', value: 8123 } as Setting);
  let portNote: string | undefined;
  if (base.kind === 'expr' && !port) {
    // The URL is code: the old client adds port 8123 only when the value names no port. Same text, same
    // server, provided the deployed value names its port; the reviewer is told.
    effective.set('url', base);
    portNote = `the old client added port 8123 when \`${base.text}\` names no port; the canonical client uses the URL as given, so make sure it names its port`;
  } else if (portSetting.kind === 'value') {
    effective.set('url', normalizeUrl(base, String(portSetting.value)));
  } else {
    effective.set('url', { kind: 'expr', text: `${base.kind === 'value' ? base.value : base.text} (port ${portSetting.text})` });
  }
  const auth = p.get('basicAuth');
  const fromAuth = (key: string) => nested(auth, key);
  const user = fromAuth('username') ?? p.get('user') ?? p.get('username');
  const password = fromAuth('password') ?? p.get('password');
  effective.set('username', user ? settingOf(user, source) : { kind: 'value', value: 'default' });
  effective.set('password', password ? settingOf(password, source) : { kind: 'value', value: '' });
  effective.set('database', p.has('database') ? settingOf(p.get('database')!, source) : { kind: 'value', value: 'default' });
  const settingsOpaque = addSettings(effective, p.get('config'), source, OLD_SENT_SETTINGS);
  const config = p.get('config');
  const quote = config?.type === 'ObjectExpression' ? props(config).props.get('output_format_json_quote_64bit_integers') : undefined;
  const format = p.get('format');
  const raw = p.get('raw');
  return {
    effective,
    opaque: opaque ?? settingsOpaque,
    oldFormat: format ? String(settingOf(format, source).kind === 'value' ? (settingOf(format, source) as { value: unknown }).value : 'an expression') : 'json',
    oldRaw: raw ? !(raw.type === 'BooleanLiteral' && !raw.value) : false,
    quote64: quote ? settingOf(quote, source) : { kind: 'value', value: 0 },
    ...(portNote ? { portNote } : {}),
  };
}

/**
 * The effective settings of `new ClickHouse(options)` from `@apla/clickhouse` (and its `@posthog/clickhouse`
 * fork): `host`, `port` (8123), `protocol`, `path`, `user`, `password`, `queryOptions` (settings, database).
 */
export function aplaSettings(options: t.Node | undefined, source: string): ReadSettings & { dataObjects: boolean } {
  const effective: Effective = new Map();
  if (!options || options.type !== 'ObjectExpression') return { effective, opaque: 'the settings are not an object literal', dataObjects: false };
  const { props: p, opaque } = props(options);
  const part = (key: string, fallback: string) => (p.has(key) ? settingOf(p.get(key)!, source) : ({ kind: 'value', value: fallback } as Setting));
  const pieces = [part('protocol', 'http:'), part('host', 'localhost'), part('port', '8123'), part('path', '/')];
  if (pieces.every((x) => x.kind === 'value')) {
    const [protocol, host, port, pathname] = pieces.map((x) => String((x as { value: unknown }).value));
    effective.set('url', normalizeUrl({ kind: 'value', value: `${protocol!.replace(/:?$/, ':')}//${host}:${port}${pathname}` }, undefined));
  } else {
    effective.set('url', { kind: 'expr', text: pieces.map((x) => (x.kind === 'value' ? String(x.value) : x.text)).join(' ') });
  }
  effective.set('username', p.has('user') ? settingOf(p.get('user')!, source) : { kind: 'value', value: 'default' });
  effective.set('password', p.has('password') ? settingOf(p.get('password')!, source) : { kind: 'value', value: '' });
  const queryOptions = p.get('queryOptions');
  const database = nested(queryOptions, 'database');
  effective.set('database', database ? settingOf(database, source) : { kind: 'value', value: 'default' });
  const settingsOpaque = addSettings(effective, queryOptions, source, new Set(['database']));
  const dataObjects = p.get('dataObjects');
  const format = p.get('format') ?? p.get('omitFormat');
  return {
    effective,
    opaque: opaque ?? settingsOpaque ?? (format ? 'the client sets its own format' : undefined),
    dataObjects: dataObjects?.type === 'BooleanLiteral' ? dataObjects.value : false,
  };
}

function nested(node: t.Node | undefined, key: string): t.Node | undefined {
  if (!node || node.type !== 'ObjectExpression') return undefined;
  return props(node).props.get(key);
}

function show(setting: Setting | undefined): string {
  if (!setting) return '(not set)';
  return setting.kind === 'value' ? JSON.stringify(setting.value) : `\`${setting.text}\``;
}

function same(a: Setting | undefined, b: Setting | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'value' && b.kind === 'value') return a.value === b.value || String(a.value) === String(b.value);
  return a.kind === 'expr' && b.kind === 'expr' && a.text === b.text;
}

/** The settings that differ in effect, side by side (`name: here vs canonical`). */
export function differences(here: Effective, canonical: Effective, comparison: Comparison): string[] {
  const keys = new Set([...here.keys(), ...canonical.keys()]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const isTransport = !['url', 'username', 'password', 'database'].includes(key) && !key.startsWith('settings');
    if ((isTransport && !comparison.officialOnly) || comparison.ignore?.has(key)) continue;
    const a = here.get(key) ?? comparison.defaults?.get(key);
    const b = canonical.get(key) ?? comparison.defaults?.get(key);
    if (!same(a, b)) out.push(`${key}: ${show(a)} here vs ${show(b)} in the canonical client`);
  }
  return out;
}
