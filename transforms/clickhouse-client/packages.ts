/** The ClickHouse client packages this transform knows, and how a file names them. */
import type * as t from '@babel/types';

/** The official Node client: the canonical client is built on it. */
export const OFFICIAL = '@clickhouse/client';
/** The old unofficial `clickhouse` package. */
export const OLD = 'clickhouse';
/** Other Node clients a user meets; their API (streams, whole documents) is converted by hand. */
export const OTHER_CLIENTS = ['@apla/clickhouse', '@posthog/clickhouse'];
/** Strings a file must hold to import one of the packages above. */
export const NEEDLES = [OFFICIAL, `'${OLD}'`, `"${OLD}"`, ...OTHER_CLIENTS];

/** `require('name')`. */
export function isRequireOf(node: t.Node | null | undefined, name: string): boolean {
  return !!node && node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral' && node.arguments[0].value === name;
}
