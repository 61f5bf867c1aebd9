// The operations commands on PostgreSQL (DATABASE_URL), as real processes: keys, import and export
// through openStore; backup and restore through pg_dump/pg_restore. And moving a database between
// engines: SQLite -> export -> import into PostgreSQL answers every GET as SQLite did, and back
// into a fresh SQLite. Timestamps (createdAt/updatedAt) are NOT carried: export writes ingest
// documents, which have none, and import stamps each article, actor and source with the time it
// is written; so bodies are compared with those two fields normalized, byte for byte otherwise.
// pg_dump/pg_restore do keep them: after a restore every GET is compared unnormalized.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { NO_LIMITS } from '../helpers/app.js';
import { syntheticArticle } from '../helpers/fixtures.js';
import { writeNdjson } from '../helpers/integrity.js';
import { createTestDatabase, SKIP_MESSAGE, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres.js';
import { runCli } from '../helpers/server.js';

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

const INCLUDE_ALL = 'include=body,actors,recommendations,quotations';
const PAGE = 7; // small pages: every list is walked through several cursors

/** Every GET a client could make of the data: each list page by page, each item and its sub-lists. */
async function everyGet(app: App): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    answers.set(url, `${res.statusCode} ${res.body}`);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body);
  };
  /** Walks a list through its cursors; returns the ids of its items. */
  const walk = async (url: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    const sep = url.includes('?') ? '&' : '?';
    do {
      const body = await get(`${url}${sep}limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ids.push(...body.data.map((d: { id: string }) => d.id));
      cursor = body.page?.nextCursor ?? null;
    } while (cursor);
    return ids;
  };
  const articles = await walk('/v1/articles');
  for (const id of articles) {
    await get(`/v1/articles/${id}`);
    await get(`/v1/articles/${id}?${INCLUDE_ALL}`);
    for (const part of ['actors', 'recommendations', 'quotations']) await get(`/v1/articles/${id}/${part}`);
  }
  for (const id of await walk('/v1/actors')) {
    await get(`/v1/actors/${id}`);
    await walk(`/v1/actors/${id}/articles`);
    await walk(`/v1/actors/${id}/recommendations`);
  }
  for (const list of ['quotations', 'recommendations', 'sources']) {
    for (const id of await walk(`/v1/${list}`)) await get(`/v1/${list}/${id}`);
  }
  for (const filter of ['reviewed=false', 'reviewed=true', 'method=assisted']) {
    await walk(`/v1/recommendations?${filter}`);
    await walk(`/v1/quotations?${filter}`);
  }
  return answers;
}

/** Bodies with createdAt/updatedAt replaced: import stamps what it writes with its own time. */
const withoutTimestamps = (answers: Map<string, string>) =>
  new Map([...answers].map(([url, body]) => [url, body.replace(/"(createdAt|updatedAt)":"[^"]*"/g, '"$1":"<time>"')]));

/** The URLs whose answers differ (or exist on one side only), with the first difference shown. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const urls = new Set([...a.keys(), ...b.keys()]);
  const diffs = [...urls].filter((url) => a.get(url) !== b.get(url));
  return diffs.map((url) => `${url}\n  ${a.get(url)?.slice(0, 300)}\n  ${b.get(url)?.slice(0, 300)}`);
}

const sqliteApp = (databasePath: string) => buildApp({ databasePath, limits: NO_LIMITS, responseCacheBytes: 0 });
const postgresApp = (databaseUrl: string) =>
  buildApp({ databasePath: ':memory:', databaseUrl, limits: NO_LIMITS, responseCacheBytes: 0 });

function cli(script: string, args: string[], env: Record<string, string>) {
  const result = runCli(script, args, env);
  if (result.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
  return result;
}

describe.skipIf(!TEST_DATABASE_URL)('operations on PostgreSQL, and moving data between engines', { timeout: 180_000 }, () => {
  let dir: string;
  let database: TestDatabase;
  const pgEnv = () => ({ DATABASE_URL: database.url });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eda-ops-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keys create, list and revoke work on DATABASE_URL', () => {
    const created = cli('keys', ['create', '--name', 'desk', '--scope', 'write'], pgEnv());
    expect(created.stdout).toContain(`Created key 'desk' with scope write in postgres://`);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^\S{20,}$/);
    expect(cli('keys', ['list'], pgEnv()).stdout).toMatch(/^desk\twrite\tactive\t/m);
    cli('keys', ['revoke', 'desk'], pgEnv());
    expect(cli('keys', ['list'], pgEnv()).stdout).toMatch(/^desk\twrite\trevoked /m);
  });

  let postgresAnswers: Map<string, string>;

  it('SQLite -> export -> import into PostgreSQL answers every GET as SQLite does (timestamps aside), and back', async () => {
    const source = join(dir, 'source.sqlite');
    const docs = [
      JSON.parse(readFileSync('db/seed/2026-01-10-anti-terrorism-fight.json', 'utf8')),
      JSON.parse(readFileSync('examples/water-is-not-a-weapon.json', 'utf8')),
      ...Array.from({ length: 30 }, (_, i) => syntheticArticle(i + 1)),
    ];
    // Assisted data, with a confidence that only a double holds exactly, cross both engines unchanged.
    docs[5].recommendations[0].provenance = { method: 'assisted', rule: 'modal-must', confidence: 0.1 + 0.2, reviewed: false };
    docs[6].quotations[0].provenance = { method: 'assisted', rule: 'say-that', confidence: 1 / 3, reviewed: true };
    docs[6].actors[0].provenance = { method: 'assisted', rule: 'gazetteer', confidence: 0.9, reviewed: false };
    writeNdjson(join(dir, 'docs.ndjson'), docs);
    expect(cli('import', [join(dir, 'docs.ndjson')], { DATABASE_PATH: source }).stdout).toContain(`imported ${docs.length} of ${docs.length}`);
    cli('export', ['--out', join(dir, 'from-sqlite.ndjson')], { DATABASE_PATH: source });
    const imported = cli('import', [join(dir, 'from-sqlite.ndjson')], pgEnv());
    expect(imported.stdout).toContain(`imported ${docs.length} of ${docs.length} document(s) into postgres://`);

    const sqlite = await sqliteApp(source);
    const postgres = await postgresApp(database.url);
    try {
      const sqliteAnswers = await everyGet(sqlite);
      postgresAnswers = await everyGet(postgres);
      console.info(`engines: ${sqliteAnswers.size} GETs compared (SQLite -> PostgreSQL)`);
      expect(sqliteAnswers.size).toBeGreaterThan(300);
      expect(differences(withoutTimestamps(sqliteAnswers), withoutTimestamps(postgresAnswers))).toEqual([]);
    } finally {
      await sqlite.close();
      await postgres.close();
    }

    // And back: PostgreSQL's export is SQLite's, line for line, and a fresh SQLite fed with it answers the same.
    cli('export', ['--out', join(dir, 'from-postgres.ndjson')], pgEnv());
    expect(readFileSync(join(dir, 'from-postgres.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 'from-sqlite.ndjson'), 'utf8'));
    const back = join(dir, 'back.sqlite');
    cli('import', [join(dir, 'from-postgres.ndjson')], { DATABASE_PATH: back });
    const again = await sqliteApp(back);
    try {
      const backAnswers = await everyGet(again);
      expect(differences(withoutTimestamps(postgresAnswers), withoutTimestamps(backAnswers))).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('backup runs pg_dump --format=custom, restore pg_restore --clean: every GET as it was, timestamps included', async () => {
    const archive = join(dir, 'backups', 'pg.dump');
    const backup = cli('backup', [archive], pgEnv());
    expect(backup.stdout).toContain(`written to ${archive} (pg_dump --format=custom)`);
    expect(readFileSync(archive).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(runCli('backup', [archive], pgEnv()).stderr).toContain('already exists; pass --force to replace it');

    // Change the database after the backup: delete an article, write another.
    const app = await postgresApp(database.url);
    const before = postgresAnswers ?? (await everyGet(app));
    try {
      expect(await app.store.deleteArticle(syntheticArticle(1).id!)).toBe(true);
      await app.store.writeArticle(syntheticArticle(99), 'create');
    } finally {
      await app.close();
    }
    const restored = cli('restore', [archive], pgEnv());
    expect(restored.stdout).toContain('(pg_restore --clean --if-exists)');
    const after = await postgresApp(database.url);
    try {
      expect(differences(before, await everyGet(after))).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it('restore refuses what is not a pg_dump archive; both name the tool when it is missing', () => {
    const notArchive = join(dir, 'not-an-archive.sqlite');
    writeFileSync(notArchive, 'SQLite format 3\0');
    const refused = runCli('restore', [notArchive], pgEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a pg_dump custom-format archive');

    const noTools = { ...pgEnv(), PATH: join(dir, 'empty-path') };
    const dump = runCli('backup', [join(dir, 'nowhere.dump')], noTools);
    expect(dump.code).toBe(1);
    expect(dump.stderr).toContain('pg_dump was not found on PATH');
    const load = runCli('restore', [join(dir, 'backups', 'pg.dump')], noTools);
    expect(load.code).toBe(1);
    expect(load.stderr).toContain('pg_restore was not found on PATH');
  });
});
