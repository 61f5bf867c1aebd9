// Keyset (cursor) pagination, the part every engine shares: the page envelope, the page size and
// the opaque cursor, which holds the sort keys of the last row served so that a page never
// repeats or skips a row when others are inserted before it.
import type { Static } from '@sinclair/typebox';
import type { PageInfo } from '../schemas/common.js';
import { HttpProblem } from './errors.js';

export type KeyValue = string | number;

/**
 * A page as the stores return it: the `page` member is the schema's PageInfo, but the rows are the
 * store's (often an item's JSON already serialized, which the response splices in), so `data` is
 * generic rather than the schema's ListOf item.
 */
export interface Page<Row> {
  data: Row[];
  page: Static<typeof PageInfo>;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export const encodeCursor = (name: string, values: KeyValue[]) =>
  Buffer.from(JSON.stringify([name, ...values])).toString('base64url');

/**
 * The key values of a cursor issued by the list (and sort) called `name`, one per key type. A
 * value of another type, or text no key can hold (NUL), is a forged cursor: 400, on every engine.
 */
export function decodeCursor(cursor: string, name: string, types: ReadonlyArray<'string' | 'number'>): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed[0] === name &&
    parsed.length === types.length + 1 &&
    parsed.slice(1).every((v, i) => typeof v === types[i] && !(typeof v === 'string' && v.includes('\u0000')));
  if (!valid) {
    throw new HttpProblem(400, 'The cursor is not one this list issued with the same sort; start again without a cursor.', [
      { path: '/cursor', message: 'invalid cursor' },
    ]);
  }
  return (parsed as KeyValue[]).slice(1);
}

/**
 * The page size asked for, 20 by default. The schema bounds it, but ajv's coercion turns
 * "1e999" or "Infinity" into a non-finite number that skips minimum and maximum
 * (ajv-validator/ajv#2212), which a LIMIT clause then refuses: a 400 here, not a 500.
 */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 20;
  if (!Number.isFinite(limit)) {
    const message = limit > 0 ? 'must be <= 100' : 'must be >= 1';
    throw new HttpProblem(400, `Invalid query parameter: 'limit' ${message}.`, [{ path: '/limit', message }]);
  }
  return limit;
}

/**
 * An integer query parameter, which ajv's coercion may have made non-finite ("1e999", see pageLimit):
 * a 400 rather than a value no database column holds (a 500).
 */
export function finiteParameter(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && !Number.isFinite(value)) {
    throw new HttpProblem(400, `Invalid query parameter: '${name}' must be a finite integer.`, [{ path: `/${name}`, message: 'must be a finite integer' }]);
  }
  return value;
}

/** Cuts the limit+1 rows a query fetched into a page and the cursor of the next one. */
export function toPage<Row>(rows: Row[], limit: number, total: number, cursorOf: (last: Row) => string): Page<Row> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, page: { limit, nextCursor: rows.length > limit && last ? cursorOf(last) : null, total } };
}

/** The URL of the next page: the request's own path and query, with `cursor` set to the next one. */
export function nextPageUrl(url: string, nextCursor: string): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('cursor', nextCursor);
  return `${path}?${params.toString()}`;
}

/** A page of stored JSON documents, parsed: for the representations that are not JSON text. */
export function parsedPage<T>({ data, page }: Page<string>): Page<T> {
  return { data: data.map((json) => JSON.parse(json) as T), page };
}
