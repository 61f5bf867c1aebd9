import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../src/paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Connection {
  sqlite: Database.Database;
  db: Db;
}

/** Opens the database file and sets the pragmas every connection needs. */
export function openDatabase(path: string, { mustExist = false }: { mustExist?: boolean } = {}): Connection {
  if (path !== ':memory:') {
    // A command that only reads must not leave an empty database at a mistyped path.
    if (mustExist && !existsSync(path)) throw new Error(`no database at ${path} (check DATABASE_PATH)`);
    mkdirSync(dirname(path), { recursive: true });
  }
  const sqlite = new Database(path, { fileMustExist: mustExist && path !== ':memory:' });
  // First, so that even switching a new file to WAL waits for another process instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

/**
 * Applies pending migrations (drizzle-kit's, recorded in drizzle's own table). Returns true when
 * the database was new (no migration had ever run), which is when the server loads the seed.
 *
 * Everything, from the first look at what is applied to the last statement, is one IMMEDIATE
 * transaction: two processes starting on a new file at once (a server and an import, say) apply
 * the migrations once, the second waiting for the first and then finding nothing to do. Drizzle's
 * own migrator reads what is applied before it takes the write lock, so both would try.
 */
export function migrateDatabase({ sqlite }: Connection): boolean {
  const migrations = readMigrationFiles({ migrationsFolder });
  const apply = sqlite.transaction(() => {
    const fresh = !sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').pluck().get();
    const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const migration of migrations) {
      if (last != null && Number(last) >= migration.folderMillis) continue;
      for (const statement of migration.sql) sqlite.exec(statement);
      record.run(migration.hash, migration.folderMillis);
    }
    return fresh;
  });
  return apply.immediate();
}
