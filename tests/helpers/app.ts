// Builds the real app with the real migrations and seed: on a private in-memory SQLite database,
// or, when TEST_ENGINE=postgres, on a PostgreSQL database of its own (cloned from a migrated
// template on the server TEST_DATABASE_URL names; see helpers/postgres.ts).
import { afterAll, expect } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../src/app.js';
import { seedStore } from '../../src/ingest/seed.js';
import { validateIngestDocument } from '../../src/ingest/validate.js';
import type { Limits } from '../../src/shared/limits.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { createTestDatabase } from './postgres.js';

/** The engine the API tests run on: SQLite unless TEST_ENGINE=postgres. */
export const ENGINE: 'sqlite' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
/** For the tests that are about SQLite itself (files, pragmas, FTS5, query plans, processes). */
export const SQLITE_ONLY = ENGINE !== 'sqlite';

export const SEED_ID = '2026-01-10-anti-terrorism-fight';

/** Rate limits and load shedding off: a test's burst of requests is not an abusive client. */
export const NO_LIMITS = {
  reads: 0,
  writes: 0,
  analyses: 0,
  authFailures: 0,
  maxEventLoopDelayMs: 0,
  maxHeapUsedBytes: 0,
  maxRssBytes: 0,
} satisfies Partial<Limits>;

/**
 * The real app on a new, seeded database of the engine under test, as buildApp builds it; the
 * caller closes it. On PostgreSQL the database is dropped when the app closes.
 */
export async function buildTestApp(options: Partial<AppOptions> = {}): Promise<App> {
  if (ENGINE === 'sqlite' || options.databaseUrl || (options.databasePath && options.databasePath !== ':memory:')) {
    return buildApp({ databasePath: ':memory:', ...options });
  }
  const database = await createTestDatabase();
  const app = await buildApp({ ...options, databasePath: ':memory:', databaseUrl: database.url });
  await seedStore(app.store);
  app.addHook('onClose', async () => {
    await app.store.close();
    await database.drop();
  });
  return app;
}

/** A fresh app for one test file, closed after its tests; `options` override the test defaults. */
export async function testApp(options: Partial<AppOptions> = {}): Promise<App> {
  const app = await buildTestApp({ ...options, limits: { ...NO_LIMITS, ...options.limits } });
  afterAll(() => app.close());
  return app;
}

/** Rows of a plain SELECT on whichever engine the app runs (`?` placeholders). */
export async function selectRows(app: App, text: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
  if (app.store instanceof SqliteStore) return app.store.sqlite.prepare(text).all(...params) as Array<Record<string, unknown>>;
  if (app.store instanceof PostgresStore) {
    let i = 0;
    const { rows } = await app.store.connection.pool.query(text.replace(/\?/g, () => `$${++i}`), params);
    return rows as Array<Record<string, unknown>>;
  }
  throw new Error('unknown engine');
}

/** How many rows a table holds, on either engine. */
export async function rowCount(app: App, table: string): Promise<number> {
  const [row] = await selectRows(app, `SELECT count(*) AS n FROM "${table}"`);
  return Number(row!.n);
}

/** Writes documents through the store, as the write API and import do. */
export async function ingest(app: App, ...docs: unknown[]): Promise<void> {
  for (const doc of docs) await app.store.writeArticle(validateIngestDocument(doc), 'create');
}

/** The SQLite connection behind an app, for the tests that are about SQLite itself. */
export function sqliteOf(app: App) {
  if (!(app.store instanceof SqliteStore)) throw new Error('this test is about SQLite; the app runs on another engine');
  return app.store.sqlite;
}

export async function getJson<T = any>(app: App, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { res, status: res.statusCode, body: (res.body ? JSON.parse(res.body) : undefined) as T };
}

/** Follows nextCursor to the end, returning every item's id in order. */
export async function walk(app: App, url: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  const sep = url.includes('?') ? '&' : '?';
  for (let pages = 0; pages < 10_000; pages++) {
    const { status, body }: { status: number; body: any } = await getJson(app, `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    if (status !== 200) throw new Error(`${url}: ${status} ${JSON.stringify(body)}`);
    ids.push(...body.data.map((d: { id: string }) => d.id));
    cursor = body.page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('pagination did not end');
}

export const ids = (body: { data: Array<{ id: string }> }) => body.data.map((d) => d.id);

/** Asserts an RFC 9457 problem+json response with the given status and returns the problem. */
export function checkProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body);
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^urn:editorial-data-api:problem:/), title: expect.any(String) });
  expect(problem.detail.length).toBeGreaterThan(10);
  expect(problem.instance).toMatch(/^\//);
  return problem;
}

/** GETs a URL and asserts it answers the given problem, for that path. */
export async function expectProblem(app: App, url: string, status: number) {
  const problem = checkProblem(await app.inject({ method: 'GET', url }), status);
  expect(problem.instance, url).toBe(url.split('?')[0]);
  return problem;
}
