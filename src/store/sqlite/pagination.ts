// Keyset pagination in SQL: a sort is a list of key columns, the cursor the key values of the
// last row served (src/shared/pagination.ts), and the next page the rows after them.
import type { Database } from 'better-sqlite3';
import { and, asc, count, desc, eq, getTableColumns, getTableName, gt, lt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';
import { decodeCursor, encodeCursor, pageLimit, toPage, type KeyValue, type Page, type PageQuery } from '../../shared/pagination.js';
import type { SortSpec } from '../sorts.js';
import { cachedCount, clientOf } from './statements.js';

interface SortKey {
  column: SQLiteColumn;
  desc?: boolean;
  key: string;
}

interface Sort {
  name: string;
  keys: SortKey[];
}

/** A sort spec (src/store/sorts.ts) on a table's columns. */
function sortOn(spec: SortSpec, table: SQLiteTable): Sort {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  return { name: spec.name, keys: spec.keys.map((k) => ({ ...k, column: columns[k.key]! })) };
}

function orderBy(sort: Sort): SQL[] {
  return sort.keys.map((k) => (k.desc ? desc(k.column) : asc(k.column)));
}

/** The WHERE clause for rows after the cursor: (k1 > c0) OR (k1 = c0 AND k2 > c1) OR ..., on placeholders c0, c1... */
function afterCursor(sort: Sort): SQL {
  const branches = sort.keys.map((key, i) => {
    const equalBefore = sort.keys.slice(0, i).map((k, j) => eq(k.column, sql.placeholder(`c${j}`)));
    const beyond = key.desc ? lt(key.column, sql.placeholder(`c${i}`)) : gt(key.column, sql.placeholder(`c${i}`));
    return and(...equalBefore, beyond)!;
  });
  return or(...branches)!;
}

/** The parameters every list takes beyond its filters. */
const PAGING = new Set(['limit', 'cursor', 'sort']);

/**
 * A list's statements for one shape of query (which filters, which sort, a cursor or not), built
 * once per connection: building a query with drizzle cost as much as running it. The filters get
 * placeholders named after their parameters, except `q`, whose full-text query is compiled into
 * the statement (so it is part of the shape).
 */
interface Shape<Row> {
  rows: { all(values: Record<string, unknown>): Row[] };
  count: { get(values: Record<string, unknown>): { n: number } | undefined };
}
const shapes = new WeakMap<Database, Map<string, Shape<never>>>();
/** Distinct shapes a connection keeps (a bound: each full-text query is a shape of its own). */
const SHAPES_KEPT = 1000;

/** A statement reads booleans as SQLite stores them. */
const bound = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);

/**
 * One page of a list: fetches limit+1 rows after the cursor (to learn whether a next page
 * exists), counts every match, and maps the rows to their API shape. `where` builds the filter
 * from the parameters (as placeholders); `rows` the query of a page, ending in `.limit(limit)`.
 */
export function paginate<P extends PageQuery, Row extends Record<string, unknown>, Out>(
  db: Db,
  params: P,
  spec: SortSpec<Extract<keyof Row, string>>,
  where: (p: P) => SQL | undefined,
  query: {
    /** The table the list sorts and counts its matches in. */
    table: SQLiteTable;
    rows: (where: SQL | undefined, order: SQL[], limit: Placeholder) => { prepare(): Shape<Row>['rows'] };
    map: (row: Row) => Out;
  },
): Page<Out> {
  const limit = pageLimit(params.limit);
  const sort = sortOn(spec, query.table);
  const filters = Object.keys(params)
    .filter((k) => !PAGING.has(k) && (params as Record<string, unknown>)[k] !== undefined)
    .sort();
  const key = `${getTableName(query.table)} ${spec.name} ${params.cursor ? 'after' : 'first'} ${filters.join(',')} ${(params as { q?: string }).q ?? ''}`;
  const client = clientOf(db);
  let kept = shapes.get(client);
  if (!kept) shapes.set(client, (kept = new Map<string, Shape<never>>()));
  let shape = kept.get(key) as Shape<Row> | undefined;
  if (!shape) {
    // The filters see placeholders where the values will go (they only hand them to SQL).
    const placeholders = Object.fromEntries(filters.map((k) => [k, k === 'q' ? (params as { q?: string }).q : sql.placeholder(k)]));
    const filter = where(placeholders as unknown as P);
    shape = {
      rows: query.rows(and(filter, params.cursor ? afterCursor(sort) : undefined), orderBy(sort), sql.placeholder('limit')).prepare(),
      count: db.select({ n: count() }).from(query.table).where(filter).prepare(),
    };
    if (kept.size >= SHAPES_KEPT) kept.clear();
    kept.set(key, shape as Shape<never>);
  }
  const values: Record<string, unknown> = Object.fromEntries(filters.map((k) => [k, bound((params as Record<string, unknown>)[k])]));
  const total = cachedCount(db, `${key}\u0000${JSON.stringify(values)}`, () => shape.count.get(values)?.n ?? 0);
  if (params.cursor) {
    const after = decodeCursor(params.cursor, sort.name, sort.keys.map((k) => (k.column.dataType === 'number' ? 'number' : 'string')));
    after.forEach((value, i) => (values[`c${i}`] = value));
  }
  values.limit = limit + 1;
  const page = toPage(shape.rows.all(values), limit, total, (last) => encodeCursor(sort.name, sort.keys.map((k) => last[k.key] as KeyValue)));
  return { data: page.data.map(query.map), page: page.page };
}
