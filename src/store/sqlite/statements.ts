// Prepared statements, compiled once per connection and SQL text: hot read paths skip both
// drizzle's query building and SQLite's parsing.
import type { Database, Statement } from 'better-sqlite3';
import { getTableColumns, getTableName, type Column, type InferInsertModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';

const cache = new WeakMap<Database, Map<string, Statement>>();

/** The better-sqlite3 connection behind a drizzle database or transaction (one connection, so the same). */
export function clientOf(db: Db): Database {
  return (db as unknown as { session: { client: Database } }).session.client;
}

export function prepared(db: Db, text: string): Statement {
  const client = clientOf(db);
  let statements = cache.get(client);
  if (!statements) cache.set(client, (statements = new Map<string, Statement>()));
  let statement = statements.get(text);
  if (!statement) {
    statement = client.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/**
 * Inserts one row through a cached prepared statement, column names and value encoding (JSON
 * columns) taken from the Drizzle table: the write path's hot inserts without rebuilding SQL.
 */
export function insertRow<T extends SQLiteTable>(db: Db, table: T, row: Partial<InferInsertModel<T>>): void {
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined);
  const text = `INSERT INTO "${getTableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES (${keys
    .map((k) => `@${k}`)
    .join(', ')})`;
  const params: Record<string, unknown> = {};
  for (const k of keys) {
    const value = (row as Record<string, unknown>)[k];
    params[k] = value === null ? null : columns[k]!.mapToDriverValue(value);
  }
  prepared(db, text).run(params);
}

const writes = new WeakMap<Database, number>();
const counts = new WeakMap<Database, { version: string; values: Map<string, number> }>();

/** Called by the ingest module after each write: cached counts of this connection go stale. */
export function markWritten(db: Db): void {
  const client = clientOf(db);
  writes.set(client, (writes.get(client) ?? 0) + 1);
}

/** Changes whenever this connection (our counter) or another one (SQLite's) commits a write. */
export function dataVersion(db: Db): string {
  return `${writes.get(clientOf(db)) ?? 0}.${prepared(db, 'PRAGMA data_version').pluck().get() as number}`;
}

/**
 * A list's total (a count(*) under its filter), remembered under `key` until the next write: list
 * totals over large tables cost one scan per data version instead of one per request.
 */
export function cachedCount(db: Db, key: string, count: () => number): number {
  const client = clientOf(db);
  const version = dataVersion(db);
  let cache = counts.get(client);
  if (!cache || cache.version !== version) counts.set(client, (cache = { version, values: new Map() }));
  let n = cache.values.get(key);
  if (n === undefined) {
    n = count();
    if (cache.values.size >= 10_000) cache.values.clear();
    cache.values.set(key, n);
  }
  return n;
}
