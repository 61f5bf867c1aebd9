// ?dryRun=true on POST and PUT /v1/articles: the server's own checks (shape, ingest rules, id,
// If-Match) answer exactly what the write would, and nothing is written. Runs on both engines.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { App } from '../../src/app.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { SEED_ID, buildTestApp, checkProblem, getJson, rowCount } from '../helpers/app.js';
import { indusOpEd } from '../helpers/fixtures.js';

const INDUS_ID = '2026-02-03-water-is-not-a-weapon';
const INCLUDE_ALL = 'include=body,actors,recommendations,quotations';

async function setup() {
  const app = await buildTestApp();
  onTestFinished(() => app.close());
  return { app, writeKey: await app.store.createKey('writer', ['write']), readKey: await app.store.createKey('reader', ['read']) };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function post(app: App, key: string | undefined, payload: object, query = '?dryRun=true') {
  return app.inject({ method: 'POST', url: `/v1/articles${query}`, headers: key ? bearer(key) : {}, payload });
}

function put(app: App, key: string, id: string, payload: object, ifMatch?: string, query = '?dryRun=true') {
  const headers = { ...bearer(key), ...(ifMatch ? { 'if-match': ifMatch } : {}) };
  return app.inject({ method: 'PUT', url: `/v1/articles/${id}${query}`, headers, payload });
}

/** Everything a dry run must leave as it was: counts, the seed's bytes, the data version. */
async function state(app: App) {
  const seed = await getJson(app, `/v1/articles/${SEED_ID}?${INCLUDE_ALL}`);
  const count = async (url: string) => (await getJson(app, `${url}?limit=1`)).body.page.total as number;
  return {
    articles: await count('/v1/articles'),
    actors: await count('/v1/actors'),
    sources: await count('/v1/sources'),
    recommendations: await count('/v1/recommendations'),
    quotations: await count('/v1/quotations'),
    publications: await rowCount(app, 'publications'),
    mentions: await rowCount(app, 'actor_mentions'),
    seed: seed.body,
    version: await app.store.dataVersion(),
  };
}

/** The problem without its instance, which names the URL (query string aside). */
const sameProblem = (body: string) => {
  const { instance, ...rest } = JSON.parse(body) as { instance: string };
  return { ...rest, instance: instance.split('?')[0] };
};

describe('POST /v1/articles?dryRun=true', () => {
  it('answers 200 with the article as it would be written, and writes nothing', async () => {
    const { app, writeKey } = await setup();
    const before = await state(app);
    const res = await post(app, writeKey, indusOpEd());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    const dry = res.json();
    expect(dry).toMatchObject({ id: INDUS_ID, headline: indusOpEd().headline, counts: expect.any(Object) });
    expect(await state(app)).toEqual(before);
    expect((await app.inject(`/v1/articles/${INDUS_ID}`)).statusCode).toBe(404);

    // The real write answers the same article (timestamps aside).
    const written = await post(app, writeKey, indusOpEd(), '');
    expect(written.statusCode).toBe(201);
    const { createdAt: _c, updatedAt: _u, ...rest } = written.json();
    expect(dry).toMatchObject(rest);
  });

  it('answers the very 422 the write answers, with the pointer of each fault, and writes nothing', async () => {
    const { app, writeKey } = await setup();
    const doc: IngestDocument = indusOpEd();
    doc.recommendations[1]!.addressee = 'atlantis';
    doc.recommendations[2]!.evidence = { exact: 'words that are nowhere in this text' };
    doc.recommendations[3]!.priority = doc.recommendations[0]!.priority;
    const before = await state(app);
    const dry = await post(app, writeKey, doc);
    const problem = checkProblem(dry, 422);
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/recommendations/1/addressee',
      '/recommendations/2/evidence/exact',
      '/recommendations/3/priority',
    ]);
    expect(await state(app)).toEqual(before);
    const real = await post(app, writeKey, doc, '');
    checkProblem(real, 422);
    expect(sameProblem(dry.body)).toEqual(sameProblem(real.body));
  });

  it('answers 400 for a malformed document and 409 for a taken id, as the write does', async () => {
    const { app, writeKey } = await setup();
    const malformed = { ...indusOpEd(), strength: 'loud' };
    expect(checkProblem(await post(app, writeKey, malformed), 400).errors).toEqual(
      checkProblem(await post(app, writeKey, malformed, ''), 400).errors,
    );
    const taken = indusOpEd({ id: SEED_ID });
    const before = await state(app);
    expect(checkProblem(await post(app, writeKey, taken), 409).detail).toMatch(SEED_ID);
    expect(await state(app)).toEqual(before);
  });

  it('is keyed like the write: 401 without a key, 403 with a read-only key', async () => {
    const { app, readKey } = await setup();
    checkProblem(await post(app, undefined, indusOpEd()), 401);
    checkProblem(await post(app, readKey, indusOpEd()), 403);
  });

  it('refuses a dryRun that is not true or false (400); false writes', async () => {
    const { app, writeKey } = await setup();
    expect(checkProblem(await post(app, writeKey, indusOpEd(), '?dryRun=yes'), 400).detail).toMatch(/dryRun/);
    expect((await post(app, writeKey, indusOpEd(), '?dryRun=false')).statusCode).toBe(201);
  });
});

describe('PUT /v1/articles/{articleId}?dryRun=true', () => {
  it('checks If-Match: 412 when stale, 200 and nothing changed when current', async () => {
    const { app, writeKey } = await setup();
    const created = await post(app, writeKey, indusOpEd(), '');
    const etag = created.headers.etag as string;
    const corrected = indusOpEd({ headline: 'Water is still not a weapon' });

    const before = await state(app);
    const stale = checkProblem(await put(app, writeKey, INDUS_ID, corrected, '"stale"'), 412);
    expect(stale.detail).toMatch(/has changed/);
    const ok = await put(app, writeKey, INDUS_ID, corrected, etag);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: INDUS_ID, headline: 'Water is still not a weapon' });
    expect(ok.headers.etag).toBeUndefined();
    expect(await state(app)).toEqual(before);
    // The ETag still names the stored version: the real write goes through with it.
    const current = await app.inject(`/v1/articles/${INDUS_ID}`);
    expect(current.headers.etag).toBe(etag);
    expect(current.json().headline).toBe(indusOpEd().headline);
    expect((await put(app, writeKey, INDUS_ID, corrected, etag, '')).statusCode).toBe(200);
  });

  it('answers a 422 at the item it names, and creates nothing for a new id', async () => {
    const { app, writeKey } = await setup();
    const doc = indusOpEd();
    doc.quotations[0]!.evidence = { exact: 'not in the body at all' };
    const before = await state(app);
    const problem = checkProblem(await put(app, writeKey, INDUS_ID, doc), 422);
    expect(problem.errors).toEqual([{ path: '/quotations/0/evidence/exact', message: expect.stringContaining('does not occur') }]);
    const fine = await put(app, writeKey, INDUS_ID, indusOpEd());
    expect(fine.statusCode).toBe(200);
    expect(await state(app)).toEqual(before);
    expect((await app.inject(`/v1/articles/${INDUS_ID}`)).statusCode).toBe(404);
  });
});
