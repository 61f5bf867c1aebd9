// npm run restore -- FILE : replaces the database at DATABASE_PATH with a backup (from
// `npm run backup`, or a copy of a database file taken while no server ran).
//
// Stop the server first. The command refuses while another process has the database open, but it
// cannot stop a server that starts during the restore. FILE is checked before anything is
// touched: an SQLite database whose integrity_check is ok, with this app's migrations table and
// no migration newer than this version knows. It is then copied with SQLite's backup API beside the
// database and renamed into place; the database it replaces is kept (moved aside with its -wal and
// -shm as DATABASE_PATH.replaced-<time>), and the command says where.
//
// On PostgreSQL (DATABASE_URL set) FILE must be an archive of `npm run backup` (pg_dump's custom
// format); it is handed to `pg_restore --clean --if-exists --single-transaction`, which drops and
// recreates this app's tables in the database at DATABASE_URL (the primary) in one transaction: a
// failure leaves the database as it was. Stop the API nodes first (their connections hold locks
// the restore waits for); the replicas follow by streaming replication.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { loadConfig } from '../config.js';
import { migrationsFolder } from '../paths.js';
import { isCustomArchive, runPgTool } from './pg-tools.js';
import { runCli, withoutPassword } from './run.js';

const USAGE = 'usage: npm run restore -- FILE   (stop the server first)';

const ALL_PAGES = 0x7fffffff;

const sqliteCode = (err: unknown) => (err as { code?: unknown }).code;

/** Checks that FILE is a whole database of this app; returns its article count. */
function verifyBackup(file: string): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      const code = sqliteCode(err);
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new Error(`${file} is not an SQLite database (or is damaged)`, { cause: err });
      throw err;
    }
    if (check !== 'ok') throw new Error(`${file} failed integrity_check: ${String(check)}`);
    const table = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    if (!table('__drizzle_migrations') || !table('articles')) {
      throw new Error(`${file} is an SQLite database but not one of this app (no migrations or articles table)`);
    }
    const newest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
    const applied = (db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at;
    if (applied !== null && applied > newest) {
      throw new Error(`${file} was made by a newer version of the app (its schema has migrations this version does not know)`);
    }
    return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Moves a database file and its -wal/-shm aside, under a name with the time; returns that name. */
function moveAside(databasePath: string, label: string): string {
  const aside = `${databasePath}.${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Refuses when another connection (a running server, a command) has the database open: in WAL
 * mode each one holds a shared lock for as long as it is open, so an exclusive lock fails at once.
 * A file SQLite cannot read is moved aside (kept, not deleted) so the restore can replace it.
 */
function claimDatabase(databasePath: string) {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new Error(`${databasePath} is in use by another process (is the server running?): stop it, then restore`, {
        cause: err,
      });
    }
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw err;
    db.close();
    const aside = moveAside(databasePath, 'damaged');
    console.log(`${databasePath} was not a readable database; moved it to ${aside}`);
    return;
  }
  // Closing the only connection checkpoints the WAL and removes it.
  db.close();
}

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Error(USAGE);
  const file = resolve(positionals[0]!);
  const { databasePath, databaseUrl } = loadConfig();
  if (databaseUrl) return restorePostgres(databaseUrl, file);
  if (databasePath === ':memory:') throw new Error('DATABASE_PATH is :memory:, there is no database file to restore into');
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`no backup at ${file}`);
  if (file === databasePath) throw new Error(`${file} is the database itself (DATABASE_PATH)`);

  const started = performance.now();
  const articles = verifyBackup(file);
  if (existsSync(databasePath)) claimDatabase(databasePath);
  else mkdirSync(dirname(databasePath), { recursive: true });

  // Written beside the database first and renamed into place once complete, so the replaced
  // database is kept whole (moved aside, not overwritten) and never half-replaced.
  const restoring = `${databasePath}.restoring`;
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(restoring + suffix, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    ({ totalPages: pages } = await source.backup(restoring, { progress: () => ALL_PAGES }));
  } finally {
    source.close();
  }

  const restored = new Database(restoring, { fileMustExist: true });
  let count: number;
  try {
    count = (restored.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } finally {
    restored.close();
  }
  if (count !== articles) {
    rmSync(restoring, { force: true });
    throw new Error(`restore incomplete: ${count} article(s) copied, ${articles} in ${file}; ${databasePath} was left as it was`);
  }
  const replaced = existsSync(databasePath) ? moveAside(databasePath, 'replaced') : undefined;
  renameSync(restoring, databasePath);
  const ms = Math.round(performance.now() - started);
  console.log(`restored ${file} into ${databasePath}`);
  if (replaced) console.log(`kept the replaced database as ${replaced} (delete it once the restore is checked)`);
  console.log(`${articles} article(s), ${pages} pages (${statSync(databasePath).size} bytes), integrity_check ok, ${ms} ms`);
});

/** pg_restore of a pg_dump custom-format archive into the database at `url`, replacing this app's tables. */
async function restorePostgres(url: string, file: string) {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`no backup at ${file}`);
  if (!isCustomArchive(file)) {
    throw new Error(
      `${file} is not a pg_dump custom-format archive: on PostgreSQL (DATABASE_URL) restore takes what npm run backup made there ` +
        '(an SQLite backup goes back with DATABASE_URL unset; to move data between engines use npm run export and import)',
    );
  }
  const started = performance.now();
  await runPgTool('pg_restore', url, ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--exit-on-error', file]);
  console.log(`restored ${file} into ${withoutPassword(url)} (pg_restore --clean --if-exists), ${Math.round(performance.now() - started)} ms`);
}
