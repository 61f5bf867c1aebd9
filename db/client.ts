import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { migrationsFolder, projectRoot } from '../src/paths.js';
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
  return { sqlite, db: drizzle(reusingStatements(sqlite), { schema }) };
}

/** Distinct SQL texts whose compiled statements a connection keeps (a bound, not an expected size). */
const STATEMENTS_KEPT = 2000;

/**
 * The connection as drizzle sees it, with prepare() remembering each SQL text's compiled statement:
 * drizzle prepares every query it runs, and compiling the same SQL again on every read and for
 * every row written cost more than running it. A statement is handed back in its default mode
 * (objects, not raw arrays or plucked values); drizzle sets the mode it wants before each use.
 */
function reusingStatements(sqlite: Database.Database): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= STATEMENTS_KEPT) statements.clear();
      statement = sqlite.prepare(text);
      statements.set(text, statement);
    } else if (statement.reader) {
      statement.raw(false).pluck(false).expand(false);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A migration file as the database recorded it, named for the messages. */
function migrationFileNames(): Map<number, string> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ when: number; tag: string }>;
  };
  return new Map(journal.entries.map((e) => [e.when, `${relative(projectRoot, migrationsFolder)}/${e.tag}.sql`]));
}

/**
 * Refuses a database that applied a migration whose file has changed since (drizzle records each
 * file's sha256 as it applies it): the database's schema is not the one the code expects, and
 * re-running the file is not an option. Migrations the code does not know (a newer version's) are
 * left to the caller.
 */
function verifyApplied(sqlite: Database.Database, migrations: MigrationMeta[]) {
  const applied = sqlite.prepare('SELECT hash, created_at AS at FROM "__drizzle_migrations"').all() as Array<{ hash: string; at: number | string }>;
  const recorded = new Map(applied.map((row) => [Number(row.at), row.hash]));
  const names = migrationFileNames();
  for (const migration of migrations) {
    const hash = recorded.get(migration.folderMillis);
    if (hash === undefined || hash === migration.hash) continue;
    const file = names.get(migration.folderMillis) ?? `the migration of ${migration.folderMillis}`;
    throw new Error(
      `${file} was changed after this database applied it (recorded sha256 ${hash.slice(0, 12)}…, the file's ` +
        `is now ${migration.hash.slice(0, 12)}…), so its schema is not the one this code expects. Never edit a ` +
        `released migration: restore ${file} as it was (git log -p -- ${file}) and put the change in a new ` +
        'migration (npm run db:generate).',
    );
  }
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
    if (!fresh) verifyApplied(sqlite, migrations);
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
