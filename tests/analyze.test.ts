// POST /v1/analyze through the real app: a draft that POST /v1/articles accepts as it is, the
// registry's actors reused, and a clear 4xx (never a 5xx) for every kind of bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { seedFolder } from '../src/paths.js';
import { buildTestApp, checkProblem, getJson, NO_LIMITS, SEED_ID, testApp } from './helpers/app.js';
import { indusOpEd, syntheticArticle } from './helpers/fixtures.js';
import { ANALYSIS_EXAMPLE, ANALYZE_REQUEST_EXAMPLE } from '../src/modules/analyze/analyze.examples.js';
import { validateIngestDocument } from '../src/ingest/validate.js';

// The first read waits for the worker to load the reader and its language model.
vi.setConfig({ testTimeout: 60_000 });

const app = await testApp();
const readKey = await app.store.createKey('reader', ['read']);
const writeKey = await app.store.createKey('writer', ['write']);
const seed = JSON.parse(readFileSync(join(seedFolder, `${SEED_ID}.json`), 'utf8')) as { body: string };

const analyze = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: `Bearer ${readKey}`, ...headers }, payload: payload as string });

describe('POST /v1/analyze', () => {
  it('reads an editorial into a draft that POST /v1/articles accepts unchanged, with anchored candidates', async () => {
    const res = await analyze({ body: seed.body, headline: 'A reading of the seed', publication: { id: 'dawn', name: 'Dawn' }, datePublished: '2026-01-11', home: 'pakistan' });
    expect(res.statusCode, res.body).toBe(200);
    const { draft, candidates, warnings } = res.json();
    expect(Array.isArray(warnings)).toBe(true);
    expect(candidates.recommendations.length).toBeGreaterThanOrEqual(5);
    for (const c of [...candidates.recommendations, ...candidates.quotations]) {
      expect(Array.from(seed.body).slice(c.evidence.start, c.evidence.end).join('')).toBe(c.evidence.exact);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.rule).toEqual(expect.any(String));
    }
    // Reconciled with the registry: the seed's Pakistan is proposed under its own id and name.
    expect(draft.actors).toContainEqual(expect.objectContaining({ id: 'pakistan', name: 'Pakistan', type: 'state' }));
    // Every datum the draft keeps is the reader's, awaiting review, with the rule and confidence of its candidate.
    const assisted = { method: 'assisted', rule: expect.any(String), confidence: expect.any(Number), reviewed: false };
    for (const part of [...draft.actors, ...draft.recommendations, ...draft.quotations]) expect(part.provenance).toEqual(assisted);
    for (const r of draft.recommendations) {
      expect(candidates.recommendations).toContainEqual(
        expect.objectContaining({ rule: r.provenance.rule, confidence: r.provenance.confidence, evidence: expect.objectContaining({ exact: r.evidence.exact }) }),
      );
    }
    for (const q of draft.quotations) {
      expect(candidates.quotations).toContainEqual(
        expect.objectContaining({ rule: q.provenance.rule, confidence: q.provenance.confidence, evidence: expect.objectContaining({ exact: q.evidence.exact }) }),
      );
    }
    const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${writeKey}` }, payload: draft });
    expect(created.statusCode, created.body).toBe(201);
    const article = (await getJson(app, `${created.headers.location}?include=actors,recommendations,quotations`)).body;
    expect(article.recommendations.length).toBe(draft.recommendations.length);
    // Served as written, and an app that serves only reviewed data leaves the draft out until an analyst confirms it.
    for (const part of [...article.recommendations, ...article.quotations]) expect(part.provenance).toEqual({ ...assisted, rule: expect.any(String) });
    const listed = (await getJson(app, `/v1/recommendations?article=${article.id}&reviewed=false&method=assisted&limit=100`)).body;
    expect(listed.page.total).toBe(draft.recommendations.length);
    expect((await getJson(app, `/v1/recommendations?article=${article.id}&reviewed=true`)).body.page.total).toBe(0);
    expect((await getJson(app, `/v1/quotations?article=${article.id}&reviewed=false`)).body.page.total).toBe(draft.quotations.length);
  });

  it('drafts every text it is given into a document the write API accepts', async () => {
    for (const [i, doc] of [indusOpEd(), syntheticArticle(3), syntheticArticle(8)].entries()) {
      const res = await analyze({ body: doc.body, headline: `Draft ${i} of ${doc.headline}`, datePublished: doc.datePublished });
      expect(res.statusCode, res.body).toBe(200);
      const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${writeKey}` }, payload: res.json().draft });
      expect(created.statusCode, created.body).toBe(201);
    }
  });

  it('takes the text alone as text/plain (UTF-8)', async () => {
    const res = await analyze(seed.body, { 'content-type': 'text/plain; charset=utf-8' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().draft.body).toBe(seed.body);
  });

  it('needs an API key, of either scope', async () => {
    checkProblem(await app.inject({ method: 'POST', url: '/v1/analyze', payload: { body: seed.body } }), 401);
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: `Bearer ${writeKey}` }, payload: { body: 'The council must act now.' } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses bad input with a clear problem, never a 5xx', async () => {
    expect(checkProblem(await analyze({ body: '' }), 400).detail).toMatch(/body/);
    checkProblem(await analyze('', { 'content-type': 'application/json' }), 400);
    expect(checkProblem(await analyze({ body: '  …  12 ## ' }), 422).detail).toMatch(/no sentences/);
    expect(checkProblem(await analyze({ body: seed.body, language: 'fr' }), 422).detail).toMatch(/English/);
    expect(checkProblem(await analyze({ body: seed.body, extra: 1 }), 400).detail).toMatch(/extra/);
    const latin1 = Buffer.from('La Commission doit agir \xe9galement.', 'latin1');
    expect(checkProblem(await analyze(latin1, { 'content-type': 'text/plain' }), 400).detail).toMatch(/UTF-8/);
    expect(checkProblem(await analyze('text', { 'content-type': 'text/plain; charset=iso-8859-1' }), 415).detail).toMatch(/UTF-8/);
    checkProblem(await analyze('x'.repeat(1024 * 1024 + 10), { 'content-type': 'text/plain' }), 413);
  });
});

describe('the OpenAPI example', () => {
  it('reads the seed editorial: a valid Analysis whose anchors slice the text and whose draft POST /v1/articles takes', async () => {
    const served = (await getJson(app, '/openapi.json')).body;
    const content = served.paths['/v1/analyze'].post.requestBody.content['application/json'];
    expect(content.example).toEqual(ANALYZE_REQUEST_EXAMPLE);
    expect(content.example.body).toBe(seed.body);
    const example = served.paths['/v1/analyze'].post.responses['200'].content['application/json'].example;
    expect(example).toEqual(ANALYSIS_EXAMPLE);
    expect(validateIngestDocument(structuredClone(example.draft))).toBeTruthy();
    for (const c of [...example.candidates.actors, ...example.candidates.recommendations, ...example.candidates.quotations]) {
      if (c.evidence) expect(Array.from(seed.body).slice(c.evidence.start, c.evidence.end).join('')).toBe(c.evidence.exact);
    }
    for (const part of [...example.draft.actors, ...example.draft.recommendations, ...example.draft.quotations]) {
      expect(part.provenance).toMatchObject({ method: 'assisted', reviewed: false });
    }
    // The request really answers with the example's candidates (and more): same anchors, addressees and strengths.
    const live = (await analyze(ANALYZE_REQUEST_EXAMPLE)).json();
    for (const r of example.candidates.recommendations) {
      expect(live.candidates.recommendations, 'the reader no longer reads the seed as src/modules/analyze/analyze.examples.ts shows: update the example').toContainEqual(
        expect.objectContaining({ evidence: r.evidence, addressee: r.addressee, strength: r.strength }),
      );
    }
    // The draft as an analyst would post it beside the seed it re-reads: another date, so another id.
    const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${writeKey}` }, payload: { ...example.draft, datePublished: '2026-01-12' } });
    expect(created.statusCode, created.body).toBe(201);
  });
});

describe('the time budget', () => {
  it('refuses a text it cannot read in time (422), without holding other requests', async () => {
    const slow = await buildTestApp({ analyzeTimeoutMs: 400, bodyLimit: 4 * 1024 * 1024, limits: NO_LIMITS });
    try {
      const key = await slow.store.createKey('reader', ['read']);
      const long = Array.from({ length: 5500 }, (_, i) => `The ministry must publish report ${i} before the council votes, said the auditor.`).join(' ');
      const reading = slow.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: `Bearer ${key}` }, payload: { body: long } });
      // The read runs in a worker: the event loop answers other requests before it is done.
      let done = false;
      void reading.then(() => (done = true));
      expect((await slow.inject('/health')).statusCode).toBe(200);
      expect(done).toBe(false);
      const res = await reading;
      expect(checkProblem(res, 422).detail).toMatch(/time budget/);
      // The reader is ready for the next text.
      const next = await slow.inject({ method: 'POST', url: '/v1/analyze', headers: { authorization: `Bearer ${key}` }, payload: { body: 'The council must act now.' } });
      expect(next.statusCode, next.body).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('npm run analyze', () => {
  it('reads a folder of texts into drafts the write API accepts, and reports a text it cannot read', async () => {
    const { mkdtempSync, writeFileSync, readFileSync: read, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { runCli } = await import('./helpers/server.js');
    const dir = mkdtempSync(join(tmpdir(), 'editorial-analyze-'));
    try {
      writeFileSync(join(dir, 'indus.txt'), indusOpEd().body);
      writeFileSync(join(dir, 'synthetic.txt'), syntheticArticle(5).body);
      writeFileSync(join(dir, 'empty.txt'), 'x'.repeat(600_000));
      const run = runCli('analyze', [dir, '--out', join(dir, 'drafts'), '--home', 'pakistan'], { DATABASE_PATH: join(dir, 'db.sqlite') });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/empty\.txt: .*takes at most/);
      expect(run.stderr).toMatch(/read 2 of 3 text\(s\)/);
      for (const name of ['indus', 'synthetic']) {
        const draft = JSON.parse(read(join(dir, 'drafts', `${name}.draft.json`), 'utf8'));
        const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${writeKey}` }, payload: { ...draft, headline: `CLI ${name}` } });
        expect(created.statusCode, created.body).toBe(201);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
