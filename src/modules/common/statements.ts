// Prepared statements, compiled once per connection and SQL text: hot read paths skip both
// drizzle's query building and SQLite's parsing.
import type { Database, Statement } from 'better-sqlite3';
import type { Db } from '../../../db/client.js';

const cache = new WeakMap<Database, Map<string, Statement>>();

/** For a connection made by openDatabase (not a transaction object, which has no client). */
export function prepared(db: Db, text: string): Statement {
  const client = (db as Db & { $client?: Database }).$client;
  if (!client) throw new Error('prepared() needs the connection, not a transaction');
  let statements = cache.get(client);
  if (!statements) cache.set(client, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) {
    statement = client.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}
