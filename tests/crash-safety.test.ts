// Black-box: the import command SIGKILLed mid-way (no handler runs, no checkpoint, no close), then
// restarted. Each article is one BEGIN IMMEDIATE transaction, so what survives must be a sound file
// holding whole articles only, and a re-run must finish the job as if nothing had happened.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { NO_LIMITS } from './helpers/app.js';
import { syntheticArticle } from './helpers/fixtures.js';
import { articleFaults, fileFaults, rowCountFaults, writeNdjson } from './helpers/integrity.js';
import { runCli, startCli } from './helpers/server.js';

// Real processes and 1,500 articles on a loaded machine: generous timeouts.
vi.setConfig({ testTimeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Enough for several seconds of importing, so the kills land mid-stream.
const N = 1500;
const docs = Array.from({ length: N }, (_, i) => syntheticArticle(i));
const batch = join(dir, 'batch.ndjson');
writeNdjson(batch, docs);

const crashedPath = join(dir, 'crashed.sqlite');
const cleanPath = join(dir, 'clean.sqlite');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `npm run import -- batch` on the file, polls it read-only, and SIGKILLs it once `atLeast` articles are in. */
async function killImportOnceStored(databasePath: string, atLeast: number): Promise<number> {
  const importer = startCli('import', [batch], { DATABASE_PATH: databasePath });
  const { child } = importer;
  const printed = () => importer.output();
  const exited = importer.done.then(({ code, signal }) => signal ?? code);
  let finished = false;
  void exited.then(() => (finished = true));

  let reader: Database.Database | undefined;
  let stored = 0;
  try {
    while (stored < atLeast) {
      if (finished) throw new Error(`the import ended before it was killed:\n${printed()}`);
      try {
        reader ??= new Database(databasePath, { readonly: true, fileMustExist: true });
        stored = reader.prepare('SELECT count(*) FROM articles').pluck().get() as number;
      } catch {
        // Not created or not migrated yet.
      }
      await sleep(5);
    }
    child.kill('SIGKILL');
  } finally {
    reader?.close();
  }
  expect(await exited).toBe('SIGKILL');
  // Killed, not closed: the last connection would have checkpointed and removed the WAL.
  expect(existsSync(`${databasePath}-wal`) && statSync(`${databasePath}-wal`).size > 0, 'WAL of the killed process').toBe(true);
  return stored;
}

/**
 * Opens the file as the next process would (SQLite recovers the WAL) and checks it: sound, and
 * every article in it whole. The import goes line by line, so the survivors are a prefix of the
 * file. Returns how many there are.
 */
function checkSurvivors(databasePath: string): number {
  const sqlite = new Database(databasePath);
  try {
    expect(fileFaults(sqlite)).toEqual([]);
    const ids = sqlite.prepare('SELECT id FROM articles').pluck().all() as string[];
    const present = docs.slice(0, ids.length);
    expect(new Set(ids)).toEqual(new Set(present.map((d) => d.id)));
    expect(present.flatMap((d) => articleFaults(sqlite, d))).toEqual([]);
    expect(rowCountFaults(sqlite, present)).toEqual([]);
    return ids.length;
  } finally {
    sqlite.close();
  }
}

/** What the API serves from the file after a restart agrees with the rows: list counts, items, search. */
async function checkServed(databasePath: string, present: number) {
  const app = await buildApp({ databasePath, limits: NO_LIMITS });
  try {
    const sqlite = new Database(databasePath, { readonly: true });
    const rows = new Map(
      (
        sqlite
          .prepare(
            `SELECT id,
               (SELECT count(*) FROM article_actors t WHERE t.article_id = a.id) AS actors,
               (SELECT count(*) FROM recommendations t WHERE t.article_id = a.id) AS recommendations,
               (SELECT count(*) FROM quotations t WHERE t.article_id = a.id) AS quotations
             FROM articles a`,
          )
          .all() as Array<{ id: string; actors: number; recommendations: number; quotations: number }>
      ).map(({ id, ...counts }) => [id, counts]),
    );
    sqlite.close();

    const served = new Map<string, unknown>();
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; body: string; json(): any } = await app.inject({ url: `/v1/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      const page: { data: Array<{ id: string; counts: unknown }>; page: { total: number; nextCursor: string | null } } = res.json();
      expect(page.page.total).toBe(present);
      for (const a of page.data) served.set(a.id, a.counts);
      cursor = page.page.nextCursor;
    } while (cursor);
    expect(served).toEqual(rows);
    expect(served.size).toBe(present);

    // The last article in is the one a crash would most likely have cut short.
    const last = docs[present - 1]!;
    const item = await app.inject({ url: `/v1/articles/${last.id}?include=body,actors,recommendations,quotations` });
    expect(item.statusCode).toBe(200);
    const article = item.json();
    expect(article.body).toBe(last.body);
    expect(article.actors.map((a: { id: string }) => a.id)).toEqual(last.actors.map((a) => a.id));
    expect(article.recommendations.map((r: { statement: string }) => r.statement)).toEqual(last.recommendations.map((r) => r.statement));
    expect(article.quotations.map((q: { claim: string }) => q.claim)).toEqual(last.quotations.map((q) => q.claim));
    const hits = await app.inject({ url: `/v1/search?q=${encodeURIComponent(`"plan number ${present - 1}"`)}&type=recommendation` });
    expect(hits.json().data.map((h: { id: string }) => h.id)).toEqual([`${last.id}.r2`]);
    if (present < N) expect((await app.inject({ url: `/v1/articles/${docs[present]!.id}` })).statusCode).toBe(404);
  } finally {
    await app.close();
  }
}

/** Every row of the content tables, ids of rows and timestamps aside, in a stable order. */
function contentOf(databasePath: string): Record<string, string[]> {
  const sqlite = new Database(databasePath, { readonly: true });
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !['created_at', 'updated_at', 'createdAt', 'updatedAt', 'seq', 'digests'].includes(k))
          .map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? strip(JSON.parse(v)) : strip(v)]),
      );
    }
    return value;
  };
  try {
    const tables = ['publications', 'actors', 'sources', 'articles', 'article_documents', 'article_topics', 'article_actors', 'recommendations', 'recommendation_partners', 'quotations'];
    const content: Record<string, string[]> = {};
    for (const table of tables) {
      content[table] = (sqlite.prepare(`SELECT * FROM ${table}`).all() as object[]).map((r) => JSON.stringify(strip(r))).sort();
    }
    content.actor_mentions = (sqlite.prepare('SELECT article_id, actor_id, exact, start, "end" FROM actor_mentions').all() as object[])
      .map((r) => JSON.stringify(r))
      .sort();
    return content;
  } finally {
    sqlite.close();
  }
}

describe('import killed with SIGKILL', () => {
  it('leaves a sound file of whole articles each time, and a re-run finishes identical to a clean import', async () => {
    const firstKill = await killImportOnceStored(crashedPath, 150);
    const afterFirst = checkSurvivors(crashedPath);
    expect(afterFirst).toBeGreaterThanOrEqual(firstKill);
    expect(afterFirst).toBeLessThan(N);
    await checkServed(crashedPath, afterFirst);

    // Killed again, this time while it is writing past what the first run left.
    const secondKill = await killImportOnceStored(crashedPath, 750);
    const afterSecond = checkSurvivors(crashedPath);
    expect(afterSecond).toBeGreaterThanOrEqual(secondKill);
    expect(afterSecond).toBeLessThan(N);
    await checkServed(crashedPath, afterSecond);

    // The re-run leaves what is there alone and writes the rest.
    const rerun = runCli('import', [batch], { DATABASE_PATH: crashedPath });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(
      `imported ${N} of ${N} document(s) into ${crashedPath}: ${N - afterSecond} created, 0 replaced, ${afterSecond} unchanged, 0 failed`,
    );
    expect(checkSurvivors(crashedPath)).toBe(N);
    await checkServed(crashedPath, N);

    const clean = runCli('import', [batch], { DATABASE_PATH: cleanPath });
    expect(clean.code, clean.stderr).toBe(0);
    expect(checkSurvivors(cleanPath)).toBe(N);
    expect(contentOf(crashedPath)).toEqual(contentOf(cleanPath));
    console.log(
      `crash: killed at ${firstKill} stored (${afterFirst} whole after recovery), again at ${secondKill} (${afterSecond}); ` +
        `re-run: ${rerun.stdout.trim()}`,
    );
  });
});
