// Provenance per datum through the real app, on the engine under test: who read each
// recommendation, quotation and article-actor off the text (an analyst or the assisted reader),
// with the reader's rule and confidence, and whether an analyst has reviewed it. Defaults keep
// documents written without it valid; lists filter on it; PUT replaces it; export carries it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App, type AppOptions } from '../src/app.js';
import { seedStore } from '../src/ingest/seed.js';
import { migrationsFolder, projectRoot } from '../src/paths.js';
import type { IngestDocument } from '../src/schemas/ingest.js';
import { PostgresStore } from '../src/store/postgres/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { buildTestApp, checkProblem, ENGINE, getJson, NO_LIMITS, SEED_ID, selectRows, testApp, walk } from './helpers/app.js';
import { indusOpEd } from './helpers/fixtures.js';
import { createTestDatabase } from './helpers/postgres.js';

// Each test makes several writes and reads; a loaded machine takes more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

const ANALYST = { method: 'analyst', rule: null, confidence: null, reviewed: true };

const app = await testApp();
const key = await app.store.createKey('desk', ['write']);
const auth = { authorization: `Bearer ${key}` };

/** The Indus op-ed with a mix of provenances: assisted and not reviewed, assisted and confirmed, an analyst's awaiting review. */
function mixedDocument(): IngestDocument {
  const doc = indusOpEd();
  doc.actors[1]!.provenance = { method: 'assisted', rule: 'capitalised-name', confidence: 0.75, reviewed: false };
  doc.recommendations[0]!.provenance = { method: 'assisted', rule: 'modal-must', confidence: 0.93, reviewed: false };
  doc.recommendations[2]!.provenance = { method: 'assisted', reviewed: true };
  doc.recommendations[3]!.provenance = { method: 'analyst', reviewed: false };
  doc.quotations[1]!.provenance = { method: 'assisted', rule: 'according-to', confidence: 0.6, reviewed: false };
  return doc;
}

const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: mixedDocument() });
const MIXED_ID = created.json<{ id: string }>().id;

const full = (id: string) => `/v1/articles/${id}?include=actors,recommendations,quotations`;
const total = async (url: string) => (await getJson(app, url)).body.page.total as number;

describe('provenance on data written without it', () => {
  it("shows every datum as an analyst's, reviewed, in every response that shows it", async () => {
    const { body: article } = await getJson(app, full(SEED_ID));
    const parts = [...article.actors, ...article.recommendations, ...article.quotations];
    expect(parts.length).toBe(24);
    for (const part of parts) expect(part.provenance).toEqual(ANALYST);

    const urls = [
      `/v1/articles/${SEED_ID}/actors?limit=100`,
      `/v1/articles/${SEED_ID}/recommendations`,
      `/v1/articles/${SEED_ID}/quotations`,
      `/v1/recommendations?article=${SEED_ID}`,
      `/v1/quotations?article=${SEED_ID}`,
      `/v1/actors/pakistan/recommendations?article=${SEED_ID}`,
    ];
    for (const url of urls) {
      const { status, body } = await getJson(app, url);
      expect(status, url).toBe(200);
      expect(body.data.length, url).toBeGreaterThan(0);
      for (const item of body.data) expect(item.provenance, url).toEqual(ANALYST);
    }
    expect((await getJson(app, `/v1/recommendations/${SEED_ID}.r1`)).body.provenance).toEqual(ANALYST);
    expect((await getJson(app, `/v1/quotations/${SEED_ID}.q1`)).body.provenance).toEqual(ANALYST);
  });
});

describe('provenance as written', () => {
  it('round-trips an assisted datum: method, rule, confidence and reviewed, on every response', async () => {
    expect(created.statusCode, created.body).toBe(201);
    const { body: article } = await getJson(app, full(MIXED_ID));
    expect(article.recommendations.map((r: { provenance: unknown }) => r.provenance)).toEqual([
      { method: 'assisted', rule: 'modal-must', confidence: 0.93, reviewed: false },
      ANALYST,
      { method: 'assisted', rule: null, confidence: null, reviewed: true },
      { method: 'analyst', rule: null, confidence: null, reviewed: false },
    ]);
    // Quotations are served in text order; q2 is the second of the document.
    const quotations = Object.fromEntries(article.quotations.map((q: { id: string; provenance: unknown }) => [q.id, q.provenance]));
    expect(quotations).toEqual({
      [`${MIXED_ID}.q1`]: ANALYST,
      [`${MIXED_ID}.q2`]: { method: 'assisted', rule: 'according-to', confidence: 0.6, reviewed: false },
      [`${MIXED_ID}.q3`]: ANALYST,
    });
    const india = { method: 'assisted', rule: 'capitalised-name', confidence: 0.75, reviewed: false };
    expect(article.actors.find((a: { id: string }) => a.id === 'india').provenance).toEqual(india);
    expect(article.actors.find((a: { id: string }) => a.id === 'pakistan').provenance).toEqual(ANALYST);

    // The same on the parts' own resources and lists.
    expect((await getJson(app, `/v1/recommendations/${MIXED_ID}.r1`)).body.provenance).toEqual(article.recommendations[0].provenance);
    expect((await getJson(app, `/v1/quotations/${MIXED_ID}.q2`)).body.provenance).toEqual(quotations[`${MIXED_ID}.q2`]);
    const actors = (await getJson(app, `/v1/articles/${MIXED_ID}/actors?limit=100`)).body.data;
    expect(actors.find((a: { id: string }) => a.id === 'india').provenance).toEqual(india);
    // An actor that only a part names (not listed in the document) is an analyst's.
    expect(actors.every((a: { id: string; provenance: { method: string } }) => a.id === 'india' || a.provenance.method === 'analyst')).toBe(true);
  });

  it("refuses rule or confidence on an analyst's datum (422 naming the item), and writes nothing", async () => {
    const doc = indusOpEd({ id: '2026-02-03-provenance-mix-up' });
    doc.recommendations[1]!.provenance = { method: 'analyst', rule: 'modal-should', reviewed: true };
    doc.quotations[0]!.provenance = { method: 'analyst', confidence: 0.5, reviewed: false };
    doc.actors[2]!.provenance = { method: 'analyst', rule: 'acronym', confidence: 0.7, reviewed: true };
    const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: doc });
    const problem = checkProblem(res, 422);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: '/recommendations/1/provenance', message: expect.stringMatching(/recommendation '2026-02-03-provenance-mix-up\.r2' is an analyst's .* carries rule/) },
        { path: '/quotations/0/provenance', message: expect.stringMatching(/quotation '2026-02-03-provenance-mix-up\.q1' .* carries confidence/) },
        { path: '/actors/2/provenance', message: expect.stringMatching(/actor 'world-bank' .* carries rule and confidence/) },
      ]),
    );
    expect(problem.detail).toMatch(/provenance/);
    expect((await app.inject(`/v1/articles/${doc.id}`)).statusCode).toBe(404);
  });

  it('refuses a malformed provenance (400) with the path of the fault', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ method: 'machine', reviewed: false }, /method/],
      [{ method: 'assisted' }, /reviewed/],
      [{ method: 'assisted', reviewed: 'no' }, /reviewed/],
      [{ method: 'assisted', confidence: 1.5, reviewed: false }, /confidence/],
      [{ method: 'assisted', rule: '', reviewed: false }, /rule/],
      [{ method: 'assisted', rule: 'r'.repeat(101), reviewed: false }, /rule/],
      [{ method: 'assisted', reviewed: false, by: 'someone' }, /by/],
    ];
    for (const [provenance, field] of cases) {
      const doc = indusOpEd({ id: '2026-02-03-malformed-provenance' }) as unknown as { recommendations: Array<Record<string, unknown>> };
      doc.recommendations[0]!.provenance = provenance;
      const problem = checkProblem(await app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: doc }), 400);
      expect(problem.errors.some((e: { path: string; message: string }) => e.path.startsWith('/recommendations/0/provenance') && field.test(e.path + e.message)), JSON.stringify(provenance)).toBe(true);
    }
  });
});

describe('list filters', () => {
  it('serve only reviewed data, only data awaiting review, or one method, on recommendations and quotations', async () => {
    // The seed: 8 recommendations and 2 quotations, all an analyst's, reviewed.
    expect(await total('/v1/recommendations?reviewed=false')).toBe(2);
    expect(await walk(app, '/v1/recommendations?reviewed=false', 1)).toEqual([`${MIXED_ID}.r1`, `${MIXED_ID}.r4`]);
    expect(await total('/v1/recommendations?reviewed=true')).toBe(10);
    expect(await walk(app, '/v1/recommendations?method=assisted&sort=priority', 1)).toEqual([`${MIXED_ID}.r1`, `${MIXED_ID}.r3`]);
    expect(await total('/v1/recommendations?method=analyst')).toBe(10);
    expect(await walk(app, '/v1/recommendations?method=assisted&reviewed=false', 1)).toEqual([`${MIXED_ID}.r1`]);
    expect(await total(`/v1/recommendations?reviewed=true&article=${SEED_ID}`)).toBe(8);
    expect(await total('/v1/actors/pakistan/recommendations?reviewed=false')).toBe(
      (await getJson(app, full(MIXED_ID))).body.recommendations.filter(
        (r: { addressee: { id: string }; provenance: { reviewed: boolean } }) => r.addressee.id === 'pakistan' && !r.provenance.reviewed,
      ).length,
    );

    expect(await walk(app, '/v1/quotations?reviewed=false', 1)).toEqual([`${MIXED_ID}.q2`]);
    expect(await total('/v1/quotations?reviewed=true')).toBe(4);
    expect(await walk(app, '/v1/quotations?method=assisted', 1)).toEqual([`${MIXED_ID}.q2`]);
    expect(await total('/v1/quotations?method=analyst')).toBe(4);
    expect(await total('/v1/quotations?method=assisted&q=world')).toBe(
      (await getJson(app, '/v1/quotations?q=world')).body.data.filter((q: { provenance: { method: string } }) => q.provenance.method === 'assisted').length,
    );
  });

  it('refuse values that are not true/false or a method (400 problem naming the parameter)', async () => {
    for (const url of [
      '/v1/recommendations?reviewed=yes',
      '/v1/recommendations?reviewed=1',
      '/v1/recommendations?reviewed=',
      '/v1/recommendations?method=robot',
      '/v1/recommendations?method=ANALYST',
      '/v1/quotations?reviewed=maybe',
      '/v1/quotations?method=',
      '/v1/actors/pakistan/recommendations?reviewed=no',
    ]) {
      const problem = checkProblem(await app.inject(url), 400);
      expect(problem.detail + JSON.stringify(problem.errors ?? []), url).toMatch(/reviewed|method/);
    }
  });
});

describe('PUT', () => {
  it("replaces a datum's provenance: an analyst confirms the reader's proposals, or drops provenance back to the default", async () => {
    const id = '2026-02-03-put-provenance';
    const doc = mixedDocument();
    doc.id = id;
    for (const r of doc.recommendations) r.id = `${id}.rec-${r.priority}`;
    for (const [i, q] of doc.quotations.entries()) q.id = `${id}.quote-${i}`;
    expect((await app.inject({ method: 'PUT', url: `/v1/articles/${id}`, headers: auth, payload: doc })).statusCode).toBe(201);
    expect(await total(`/v1/recommendations?article=${id}&reviewed=false`)).toBe(2);

    // The analyst confirms everything: reviewed, the reader's rule and confidence kept.
    for (const part of [...doc.actors, ...doc.recommendations, ...doc.quotations]) {
      if (part.provenance) part.provenance.reviewed = true;
    }
    const confirmed = await app.inject({ method: 'PUT', url: `/v1/articles/${id}`, headers: auth, payload: doc });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await total(`/v1/recommendations?article=${id}&reviewed=false`)).toBe(0);
    expect(await total(`/v1/quotations?article=${id}&reviewed=false`)).toBe(0);
    const rec = (await getJson(app, `/v1/recommendations/${id}.rec-1`)).body;
    expect(rec.provenance).toEqual({ method: 'assisted', rule: 'modal-must', confidence: 0.93, reviewed: true });
    const india = (await getJson(app, `/v1/articles/${id}/actors?limit=100`)).body.data.find((a: { id: string }) => a.id === 'india');
    expect(india.provenance).toEqual({ method: 'assisted', rule: 'capitalised-name', confidence: 0.75, reviewed: true });

    // Without provenance the datum is an analyst's again, in the article and in the part's own document.
    for (const part of [...doc.actors, ...doc.recommendations, ...doc.quotations]) delete part.provenance;
    expect((await app.inject({ method: 'PUT', url: `/v1/articles/${id}`, headers: auth, payload: doc })).statusCode).toBe(200);
    const { body: article } = await getJson(app, full(id));
    for (const part of [...article.actors, ...article.recommendations, ...article.quotations]) expect(part.provenance).toEqual(ANALYST);
    expect((await getJson(app, `/v1/quotations/${id}.quote-1`)).body.provenance).toEqual(ANALYST);
    expect(await total(`/v1/recommendations?article=${id}&method=assisted`)).toBe(0);
  });
});

describe('export and import', () => {
  it('carry provenance where it differs from the default, and reproduce the same GETs and the same export', async () => {
    const exported = (await app.store.exportArticle(MIXED_ID))!;
    expect(exported.recommendations.map((r) => r.provenance)).toEqual([
      { method: 'assisted', rule: 'modal-must', confidence: 0.93, reviewed: false },
      undefined,
      { method: 'assisted', reviewed: true },
      { method: 'analyst', reviewed: false },
    ]);
    expect(exported.quotations.map((q) => q.provenance)).toEqual([undefined, mixedDocument().quotations[1]!.provenance, undefined]);
    expect(exported.actors.find((a) => a.id === 'india')!.provenance).toEqual(mixedDocument().actors[1]!.provenance);
    // A document written without provenance exports as before provenance existed.
    const seed = (await app.store.exportArticle(SEED_ID))!;
    expect(JSON.stringify(seed)).not.toContain('provenance');

    const target = await buildTestApp({ limits: NO_LIMITS });
    try {
      const written = await target.store.writeArticle(structuredClone(exported), 'upsert');
      expect(written.outcome).toBe('created');
      const strip = (body: string) => body.replace(/"(createdAt|updatedAt)":"[^"]+"/g, '"$1":"-"');
      for (const url of [
        full(MIXED_ID),
        `/v1/articles/${MIXED_ID}/actors?limit=100`,
        `/v1/recommendations?article=${MIXED_ID}`,
        `/v1/quotations?article=${MIXED_ID}`,
        `/v1/recommendations?article=${MIXED_ID}&reviewed=false`,
      ]) {
        expect(strip((await target.inject(url)).body), url).toBe(strip((await app.inject(url)).body));
      }
      expect(JSON.stringify(await target.store.exportArticle(MIXED_ID))).toBe(JSON.stringify(exported));
      // Imported again, the same document is left alone.
      expect((await target.store.writeArticle(structuredClone(exported), 'upsert')).outcome).toBe('unchanged');
    } finally {
      await target.close();
    }
  });
});

/** Runs SQL that returns nothing, on either engine. */
async function exec(target: App, text: string, ...params: unknown[]) {
  if (target.store instanceof SqliteStore) target.store.sqlite.prepare(text).run(...params);
  else if (target.store instanceof PostgresStore) {
    let i = 0;
    await target.store.connection.pool.query(text.replace(/\?/g, () => `$${++i}`), params);
  } else throw new Error('unknown engine');
}

describe('a database written before provenance existed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'editorial-provenance-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is migrated by 0002_provenance (and the later migrations): every existing datum an analyst\'s, reviewed, in the same bytes a new write gives, as its revision 1', async () => {
    const folder = ENGINE === 'postgres' ? join(projectRoot, 'migrations', 'postgres') : migrationsFolder;
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string; when: number }> };
    const when = journal.entries.find((e) => e.tag === '0002_provenance')!.when;
    const database = ENGINE === 'postgres' ? await createTestDatabase() : undefined;
    const options: AppOptions = database
      ? { databasePath: ':memory:', databaseUrl: database.url, limits: NO_LIMITS }
      : { databasePath: join(dir, 'old.sqlite'), limits: NO_LIMITS };
    try {
      const before: Record<string, string> = {};
      const urls = [full(SEED_ID), `/v1/articles/${SEED_ID}/actors?limit=100`, '/v1/recommendations?limit=100', '/v1/quotations', `/v1/recommendations/${SEED_ID}.r3`, `/v1/quotations/${SEED_ID}.q2`];
      const old = await buildApp(options);
      try {
        if (database) await seedStore(old.store);
        for (const url of urls) before[url] = (await old.inject(url)).body;
        // Back to the schema and the stored documents of before 0002: the later migrations undone
        // first (0005_read_path, 0004_changes, 0003_perf), so the upgrade runs every one of them again, in order.
        await exec(old, 'DROP INDEX recommendations_addressee_strength_idx');
        await exec(old, 'ALTER TABLE article_documents DROP COLUMN digests');
        for (const table of ['article_revisions', 'changes']) await exec(old, `DROP TABLE ${table}`);
        await exec(old, 'ALTER TABLE articles DROP COLUMN revision');
        for (const index of ['recommendations_addressee_date_idx', 'recommendations_addressee_date_asc_idx', 'recommendations_addressee_priority_idx', 'articles_publication_headline_idx']) {
          await exec(old, `DROP INDEX ${index}`);
        }
        await exec(old, 'CREATE INDEX recommendations_addressee_idx ON recommendations (addressee_id, date_published)');
        for (const index of ['recommendations_reviewed_idx', 'recommendations_method_idx', 'quotations_reviewed_idx', 'quotations_method_idx']) {
          await exec(old, `DROP INDEX ${index}`);
        }
        for (const table of ['article_actors', 'recommendations', 'quotations']) {
          for (const column of ['provenance_method', 'provenance_rule', 'provenance_confidence', 'provenance_reviewed']) {
            await exec(old, `ALTER TABLE ${table} DROP COLUMN ${column}`);
          }
        }
        await exec(old, `DELETE FROM ${database ? 'drizzle.' : ''}"__drizzle_migrations" WHERE created_at >= ?`, when);
        const unprovenanced = (json: string) => JSON.stringify(JSON.parse(json, (k, v: unknown) => (k === 'provenance' ? undefined : v)));
        const unrevisioned = (json: string) => JSON.stringify(JSON.parse(json, (k, v: unknown) => (k === 'revision' ? undefined : v)));
        for (const row of await selectRows(old, 'SELECT article_id, summary, actors, recommendations, quotations FROM article_documents')) {
          await exec(old, 'UPDATE article_documents SET summary = ?, actors = ?, recommendations = ?, quotations = ? WHERE article_id = ?',
            unrevisioned(row.summary as string), unprovenanced(row.actors as string), unprovenanced(row.recommendations as string),
            unprovenanced(row.quotations as string), row.article_id);
        }
        for (const table of ['recommendations', 'quotations']) {
          for (const row of await selectRows(old, `SELECT id, document FROM ${table}`)) {
            await exec(old, `UPDATE ${table} SET document = ? WHERE id = ?`, unprovenanced(row.document as string), row.id);
          }
        }
        const stored = await selectRows(old, 'SELECT actors, recommendations, quotations FROM article_documents');
        expect(JSON.stringify(stored)).not.toContain('provenance');
      } finally {
        await old.close();
      }

      const upgraded = await buildApp(options);
      try {
        for (const url of urls) expect((await upgraded.inject(url)).body, url).toBe(before[url]);
        // The articles' documents were rebuilt, and each became its revision 1, served as it was.
        expect((await upgraded.inject(`${full(SEED_ID)}&revision=1`)).body).toBe(before[full(SEED_ID)]);
        expect((await getJson(upgraded, `/v1/articles/${SEED_ID}/revisions`)).body.data).toHaveLength(1);
        expect((await getJson(upgraded, '/v1/changes?limit=100')).body.data.map((c: { type: string; id: string }) => `${c.type}:${c.id}`)).toContain(
          `article:${SEED_ID}`,
        );
        expect((await getJson(upgraded, '/v1/recommendations?reviewed=true')).body.page.total).toBe(8);
        expect((await getJson(upgraded, '/v1/quotations?method=assisted')).body.page.total).toBe(0);
      } finally {
        await upgraded.close();
      }
    } finally {
      await database?.drop();
    }
  }, 60_000);
});
