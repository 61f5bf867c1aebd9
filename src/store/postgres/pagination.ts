// Keyset pagination on PostgreSQL: the same sorts and cursors as the SQLite engine's
// (src/store/sqlite/pagination.ts), so a cursor means the same on both; text keys compare in C
// order (the columns' collation, migrations/postgres/0001_search.sql), as SQLite's do.
import { and, asc, count, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { PgDb } from '../../../db/client.postgres.js';
import { runPrepared } from './statements.js';
import { decodeCursor, encodeCursor, pageLimit, toPage, type KeyValue, type Page, type PageQuery } from '../../shared/pagination.js';

export interface SortKey<Row> {
  column: PgColumn;
  desc?: boolean;
  value: (row: Row) => KeyValue;
}

export interface Sort<Row> {
  name: string;
  keys: SortKey<Row>[];
}

function afterCursor<Row>(sort: Sort<Row>, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(cursor, sort.name, sort.keys.map((k) => (k.column.dataType === 'number' ? 'number' : 'string')));
  return or(
    ...sort.keys.map((key, i) => {
      const equalBefore = sort.keys.slice(0, i).map((k, j) => eq(k.column, values[j]!));
      return and(...equalBefore, key.desc ? lt(key.column, values[i]!) : gt(key.column, values[i]!))!;
    }),
  );
}

/** One page: limit+1 rows after the cursor, the count of every match, rows mapped to their API shape. */
export async function paginate<Row, Out>(
  db: PgDb,
  q: PageQuery,
  sort: Sort<Row>,
  where: SQL | undefined,
  query: {
    table: PgTable;
    rows: (where: SQL | undefined, order: SQL[], limit: number) => Parameters<typeof runPrepared<Row[]>>[0];
    map: (row: Row) => Out;
  },
): Promise<Page<Out>> {
  const limit = pageLimit(q.limit);
  const order = sort.keys.map((k) => (k.desc ? desc(k.column) : asc(k.column)));
  const [rows, [total]] = await Promise.all([
    runPrepared(query.rows(and(where, afterCursor(sort, q.cursor)), order, limit + 1)),
    runPrepared(db.select({ n: count() }).from(query.table).where(where)),
  ]);
  const page = toPage(rows, limit, total!.n, (last) => encodeCursor(sort.name, sort.keys.map((k) => k.value(last))));
  return { data: page.data.map(query.map), page: page.page };
}
