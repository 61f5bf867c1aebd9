// migratePostgres on a real server (TEST_DATABASE_URL): applies the migrations once even when two
// nodes start at once, reports a new database, and refuses a history that does not match the files.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MigrationMismatchError,
  migratePostgres,
  openPostgres,
  postgresMigrationsFolder,
  readPostgresMigrations,
} from '../../db/client.postgres.js';
import { createEmptyDatabase, SKIP_MESSAGE, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres.js';

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

const migrations = readPostgresMigrations();

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_DATABASE_URL)('migratePostgres', { timeout: 30_000 }, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database?.drop());

  it('two nodes starting at once on a new database migrate it exactly once', async () => {
    const a = openPostgres(database.url, { max: 2 });
    const b = openPostgres(database.url, { max: 2 });
    const applied: string[] = [];
    try {
      const results = await Promise.all([
        migratePostgres(a.pool, { onApply: (tag) => applied.push(`a:${tag}`) }),
        migratePostgres(b.pool, { onApply: (tag) => applied.push(`b:${tag}`) }),
      ]);
      // Exactly one saw a new database and applied everything; the other waited, then had nothing to do.
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? 'a' : 'b';
      expect(applied).toEqual(migrations.map((m) => `${winner}:${m.tag}`));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const recorded = await query<{ hash: string; created_at: string }>(
      database.url,
      'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id',
    );
    expect(recorded).toEqual(migrations.map((m) => ({ hash: m.hash, created_at: String(m.folderMillis) })));
    // The schema is there, search columns included.
    const columns = await query<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.columns WHERE column_name = 'search' AND is_generated = 'ALWAYS' ORDER BY 1",
    );
    expect(columns.map((c) => c.table_name)).toEqual(['actors', 'articles', 'quotations', 'recommendations']);
    // The lock is released: nothing holds an advisory lock on this database after both returned.
    const locks = await query(
      database.url,
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(locks).toEqual([]);
  });

  it('a migrated database is not new and has nothing to apply', async () => {
    const applied: string[] = [];
    expect(await migratePostgres(database.url, { onApply: (tag) => applied.push(tag) })).toBe(false);
    expect(applied).toEqual([]);
  });

  it('refuses an applied migration whose recorded hash differs, naming it', async () => {
    const last = migrations.at(-1)!;
    await query(database.url, 'UPDATE drizzle.__drizzle_migrations SET hash = $1 WHERE created_at = $2', ['0'.repeat(64), last.folderMillis]);
    try {
      const attempt = migratePostgres(database.url);
      await expect(attempt).rejects.toBeInstanceOf(MigrationMismatchError);
      await expect(attempt).rejects.toThrow(new RegExp(`Migration ${last.tag} \\(.*${last.tag}\\.sql\\) was changed after it was applied`));
    } finally {
      await query(database.url, 'UPDATE drizzle.__drizzle_migrations SET hash = $1 WHERE created_at = $2', [last.hash, last.folderMillis]);
    }
    // The lock was released despite the error: the next migration does not wait forever.
    expect(await migratePostgres(database.url)).toBe(false);
  });

  it('refuses a migration file edited after it was applied', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'eda-migrations-'));
    try {
      cpSync(postgresMigrationsFolder, folder, { recursive: true });
      const first = migrations[0]!;
      writeFileSync(join(folder, `${first.tag}.sql`), `${first.sql.join('--> statement-breakpoint')}\n-- an innocent comment\n`);
      await expect(migratePostgres(database.url, { migrationsFolder: folder })).rejects.toThrow(
        `Migration ${first.tag} (${join(folder, `${first.tag}.sql`)}) was changed after it was applied`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a database migrated by a build with migrations this one lacks', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'eda-migrations-'));
    try {
      cpSync(postgresMigrationsFolder, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
      journal.entries.pop();
      writeFileSync(journalPath, JSON.stringify(journal));
      await expect(migratePostgres(database.url, { migrationsFolder: folder })).rejects.toThrow(/not in .*newer or different build/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
