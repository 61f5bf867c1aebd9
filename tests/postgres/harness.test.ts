// tests/helpers/postgres.ts: every test file gets a migrated database of its own, copied from one
// template per set of migration files, and drop() removes it.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readPostgresMigrations } from '../../db/client.postgres.js';
import { createTestDatabase, ensureTemplate, SKIP_MESSAGE, templateName, TEST_DATABASE_URL } from '../helpers/postgres.js';

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

async function scalar<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(text)).rows[0] ?? {})[0] as T;
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_DATABASE_URL)('createTestDatabase', { timeout: 30_000 }, () => {
  it('gives each caller its own migrated copy of one template, and drop() removes it', async () => {
    expect(await ensureTemplate()).toBe(templateName());
    expect(templateName()).toMatch(/^eda_template_[0-9a-f]{16}$/);
    const t0 = performance.now();
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    const ms = performance.now() - t0;
    console.info(`postgres harness: two databases from the template in ${ms.toFixed(0)} ms`);
    try {
      expect(a.name).not.toBe(b.name);
      for (const db of [a, b]) {
        expect(Number(await scalar(db.url, 'SELECT count(*) FROM drizzle.__drizzle_migrations'))).toBe(readPostgresMigrations().length);
        expect(await scalar(db.url, "SELECT to_regclass('public.articles')::text")).toBe('articles');
      }
      // Separate databases: a write to one is not in the other.
      await scalar(a.url, "INSERT INTO publications VALUES ('only-a', 'A', NULL) RETURNING id");
      expect(Number(await scalar(b.url, 'SELECT count(*) FROM publications'))).toBe(0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    const left = await scalar<string>(
      TEST_DATABASE_URL!,
      `SELECT count(*) FROM pg_database WHERE datname IN ('${a.name}', '${b.name}')`,
    );
    expect(Number(left)).toBe(0);
  });
});
