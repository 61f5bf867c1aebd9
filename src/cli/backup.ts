// npm run backup -- FILE [--force] : a consistent copy of the database at DATABASE_PATH, taken
// online with SQLite's backup API while the server keeps serving and writing (WAL lets a reader
// and the writer work side by side). The copy is one self-contained file (rollback journal, no
// -wal/-shm), checked with quick_check, written under a temporary name and renamed into place,
// so FILE is never a half-written backup. `npm run restore -- FILE` puts it back.
//
// On PostgreSQL (DATABASE_URL set) it runs `pg_dump --format=custom` on the primary instead (a
// consistent snapshot, taken online), also under a temporary name renamed into place; restore
// hands the archive to pg_restore.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { isCustomArchive, runPgTool } from './pg-tools.js';
import { runCli, withoutPassword } from './run.js';

const USAGE = 'usage: npm run backup -- FILE [--force]   (--force replaces an existing FILE)';

/** Pages per backup step: all of them, so the copy is made in one read transaction (a snapshot). */
const ALL_PAGES = 0x7fffffff;

runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new Error(USAGE);
  const target = resolve(positionals[0]!);
  const { databasePath, databaseUrl } = loadConfig();
  if (databaseUrl) return backupPostgres(databaseUrl, target, Boolean(values.force));
  if (databasePath === ':memory:') throw new Error('DATABASE_PATH is :memory:, there is no database file to back up');
  if (!existsSync(databasePath)) throw new Error(`no database at ${databasePath} (check DATABASE_PATH)`);
  if ([databasePath, `${databasePath}-wal`, `${databasePath}-shm`].includes(target)) {
    throw new Error(`the backup must not overwrite the database itself: ${target}`);
  }
  if (existsSync(target) && !values.force) throw new Error(`${target} already exists; pass --force to replace it`);

  const folder = dirname(target);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    console.log(`created the folder ${folder}`);
  }

  const started = performance.now();
  const partial = `${target}.partial`;
  for (const f of [partial, `${partial}-journal`]) rmSync(f, { force: true });
  // Opened read-write but never written: when it is the last connection, closing it checkpoints
  // the WAL and removes it, as the server does, instead of leaving a -shm behind.
  const source = new Database(databasePath, { fileMustExist: true });
  let pages: number;
  try {
    source.pragma('busy_timeout = 5000');
    // One step copies every page inside one read transaction: a snapshot, however fast the server
    // writes meanwhile (page-by-page steps restart whenever another connection writes).
    ({ totalPages: pages } = await source.backup(partial, { progress: () => ALL_PAGES }));
  } finally {
    source.close();
  }

  const copy = new Database(partial, { fileMustExist: true });
  let articles: number;
  let migrations: number;
  let pageSize: number;
  try {
    // The copy carries the source's WAL flag; a rollback journal makes it one file that opens anywhere.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed quick_check: ${String(check)}`);
    articles = (copy.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    migrations = (copy.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    pageSize = copy.pragma('page_size', { simple: true }) as number;
  } catch (err) {
    copy.close();
    rmSync(partial, { force: true });
    throw err;
  }
  copy.close();

  // A WAL or shared-memory file of an older backup at FILE would be replayed over the new one.
  for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
  renameSync(partial, target);
  const bytes = statSync(target).size;
  const ms = Math.round(performance.now() - started);
  console.log(`backup of ${databasePath} written to ${target}`);
  console.log(
    `${articles} article(s), ${migrations} migration(s), ${pages} pages of ${pageSize} bytes (${bytes} bytes), quick_check ok, ${ms} ms`,
  );
});

/** pg_dump --format=custom of the database at `url` into `target`, through a temporary file. */
async function backupPostgres(url: string, target: string, force: boolean) {
  if (existsSync(target) && !force) throw new Error(`${target} already exists; pass --force to replace it`);
  const folder = dirname(target);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    console.log(`created the folder ${folder}`);
  }
  const started = performance.now();
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await runPgTool('pg_dump', url, ['--format=custom', '--file', partial]);
    if (!isCustomArchive(partial)) throw new Error(`pg_dump wrote something that is not a custom-format archive to ${partial}`);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  renameSync(partial, target);
  console.log(`backup of ${withoutPassword(url)} written to ${target} (pg_dump --format=custom)`);
  console.log(`${statSync(target).size} bytes, ${Math.round(performance.now() - started)} ms; restore with npm run restore -- ${target}`);
}
