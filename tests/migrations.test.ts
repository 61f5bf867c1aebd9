// Applied migrations are checked against their files at every start: a migration edited after a
// database applied it is refused with the file's name, not silently left half-applied.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { migrationsFolder } from '../src/paths.js';
import { startServer } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'editorial-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ when: number; tag: string }>;
};
const first = journal.entries[0]!;

/** A migrated database whose record of the first migration says its file was different. */
function databaseWithEditedMigration(name: string): string {
  const path = join(dir, name);
  const connection = openDatabase(path);
  expect(migrateDatabase(connection)).toBe(true);
  connection.sqlite.prepare('UPDATE "__drizzle_migrations" SET hash = ? WHERE created_at = ?').run('0'.repeat(64), first.when);
  connection.sqlite.close();
  return path;
}

const message = `migrations/sqlite/${first.tag}.sql was changed after this database applied it`;

describe('applied migrations', () => {
  it('open as they are when their files are unchanged', () => {
    const path = join(dir, 'unchanged.sqlite');
    const connection = openDatabase(path);
    expect(migrateDatabase(connection)).toBe(true);
    expect(migrateDatabase(connection)).toBe(false);
    connection.sqlite.close();
  });

  it('refuse to open when a file differs from what the database applied, naming it and saying what to do', () => {
    const path = databaseWithEditedMigration('edited.sqlite');
    const connection = openDatabase(path);
    try {
      expect(() => migrateDatabase(connection)).toThrow(message);
      expect(() => migrateDatabase(connection)).toThrow(/never edit a released migration/i);
    } finally {
      connection.sqlite.close();
    }
    // Nothing was written by the refused start.
    const db = new Database(path, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get() as { n: number }).n).toBe(journal.entries.length);
    db.close();
  });

  it('stop the server with exit code 1 and that message', async () => {
    const server = startServer({ DATABASE_PATH: databaseWithEditedMigration('server.sqlite') });
    const stillRunning = new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 20_000).unref());
    const exit = await Promise.race([server.exited, stillRunning]);
    if (exit === 'still running') server.child.kill('SIGKILL');
    expect(exit).toBe(1);
    expect(server.output()).toContain(message);
  }, 30_000);
});
