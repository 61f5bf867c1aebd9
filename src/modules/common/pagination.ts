// Keyset (cursor) pagination. A cursor holds the sort keys of the last row served, so a page
// never repeats or skips a row when others are inserted before it.
import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';
import { countRows } from './statements.js';
import { HttpProblem } from './errors.js';

type KeyValue = string | number;

export interface SortKey<Row> {
  column: SQLiteColumn;
  desc?: boolean;
  value: (row: Row) => KeyValue;
}

export interface Sort<Row> {
  name: string;
  keys: SortKey<Row>[];
}

export interface Page<Row> {
  data: Row[];
  page: { limit: number; nextCursor: string | null; total: number };
}

export function orderBy<Row>(sort: Sort<Row>): SQL[] {
  return sort.keys.map((k) => (k.desc ? desc(k.column) : asc(k.column)));
}

function decodeCursor<Row>(cursor: string, sort: Sort<Row>): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed[0] === sort.name &&
    parsed.length === sort.keys.length + 1 &&
    parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number');
  if (!valid) {
    throw new HttpProblem(400, 'The cursor is not one this list issued with the same sort; start again without a cursor.', [
      { path: '/cursor', message: 'invalid cursor' },
    ]);
  }
  return (parsed as KeyValue[]).slice(1);
}

/** The WHERE clause for rows after the cursor: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... */
export function afterCursor<Row>(sort: Sort<Row>, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(cursor, sort);
  const branches = sort.keys.map((key, i) => {
    const equalBefore = sort.keys.slice(0, i).map((k, j) => eq(k.column, values[j]!));
    const beyond = key.desc ? lt(key.column, values[i]!) : gt(key.column, values[i]!);
    return and(...equalBefore, beyond)!;
  });
  return or(...branches);
}

/** Cuts the limit+1 rows a query fetched into a page and the cursor of the next one. */
export function toPage<Row>(rows: Row[], limit: number, total: number, sort: Sort<Row>): Page<Row> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([sort.name, ...sort.keys.map((k) => k.value(last))])).toString('base64url')
      : null;
  return { data, page: { limit, nextCursor, total } };
}

/**
 * The page size asked for, 20 by default. The schema bounds it, but ajv's coercion turns
 * "1e999" or "Infinity" into a non-finite number that skips minimum and maximum
 * (ajv-validator/ajv#2212), which SQLite's LIMIT then refuses: a 400 here, not a 500.
 */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 20;
  if (!Number.isFinite(limit)) {
    const message = limit > 0 ? 'must be <= 100' : 'must be >= 1';
    throw new HttpProblem(400, `Invalid query parameter: 'limit' ${message}.`, [{ path: '/limit', message }]);
  }
  return limit;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/**
 * One page of a list: fetches limit+1 rows after the cursor (to learn whether a next page
 * exists), counts every match, and maps the rows to their API shape.
 */
export function paginate<Row, Out>(
  db: Db,
  q: PageQuery,
  sort: Sort<Row>,
  where: SQL | undefined,
  query: {
    /** The table the list counts its matches in. */
    table: SQLiteTable;
    rows: (where: SQL | undefined, order: SQL[], limit: number) => Row[];
    map: (row: Row) => Out;
  },
): Page<Out> {
  const limit = pageLimit(q.limit);
  const rows = query.rows(and(where, afterCursor(sort, q.cursor)), orderBy(sort), limit + 1);
  const page = toPage(rows, limit, countRows(db, query.table, where), sort);
  return { data: page.data.map(query.map), page: page.page };
}
