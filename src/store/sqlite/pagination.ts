// Keyset pagination in SQL: a sort is a list of key columns, the cursor the key values of the
// last row served (src/shared/pagination.ts), and the next page the rows after them.
import { and, asc, desc, eq, getTableColumns, gt, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';
import { decodeCursor, encodeCursor, pageLimit, toPage, type KeyValue, type Page, type PageQuery } from '../../shared/pagination.js';
import type { SortSpec } from '../sorts.js';
import { countRows } from './statements.js';

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

/** The WHERE clause for rows after the cursor: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... */
function afterCursor(sort: Sort, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(cursor, sort.name, sort.keys.map((k) => (k.column.dataType === 'number' ? 'number' : 'string')));
  const branches = sort.keys.map((key, i) => {
    const equalBefore = sort.keys.slice(0, i).map((k, j) => eq(k.column, values[j]!));
    const beyond = key.desc ? lt(key.column, values[i]!) : gt(key.column, values[i]!);
    return and(...equalBefore, beyond)!;
  });
  return or(...branches);
}

/**
 * One page of a list: fetches limit+1 rows after the cursor (to learn whether a next page
 * exists), counts every match, and maps the rows to their API shape.
 */
export function paginate<Row extends Record<string, unknown>, Out>(
  db: Db,
  q: PageQuery,
  spec: SortSpec<Extract<keyof Row, string>>,
  where: SQL | undefined,
  query: {
    /** The table the list sorts and counts its matches in. */
    table: SQLiteTable;
    rows: (where: SQL | undefined, order: SQL[], limit: number) => Row[];
    map: (row: Row) => Out;
  },
): Page<Out> {
  const limit = pageLimit(q.limit);
  const sort = sortOn(spec, query.table);
  const rows = query.rows(and(where, afterCursor(sort, q.cursor)), orderBy(sort), limit + 1);
  const page = toPage(rows, limit, countRows(db, query.table, where), (last) =>
    encodeCursor(sort.name, sort.keys.map((k) => last[k.key] as KeyValue)),
  );
  return { data: page.data.map(query.map), page: page.page };
}
