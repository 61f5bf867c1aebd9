import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from './helpers/text.js';
import { examples } from '../src/schemas/examples.js';
import { INDUS_OP_ED } from '../src/schemas/ingest.examples.js';
import { projectRoot } from '../src/paths.js';
import { getJson, SEED_ID, testApp } from './helpers/app.js';

const app = await testApp();
const { body: served } = await getJson(app, '/openapi.json');
const operations = Object.entries(served.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, op })),
);

describe('the OpenAPI document', () => {
  it('is committed as openapi/openapi.json and up to date (npm run openapi regenerates it)', () => {
    const committed = JSON.parse(readFileSync(join(projectRoot, 'openapi', 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it("is what the typed client's types are generated from (npm run client:generate keeps them equal)", async () => {
    // As the openapi-typescript command writes them, from the document served now.
    const generated = `${COMMENT_HEADER}${astToString(await openapiTS(structuredClone(served)))}`;
    expect(generated).toBe(readFileSync(join(projectRoot, 'clients', 'typescript', 'schema.d.ts'), 'utf8'));
  }, 30_000);

  it('documents every operation of the contract', () => {
    expect(served.openapi).toBe('3.1.0');
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(
      [
        'GET /health',
        'GET /v1/articles',
        'GET /v1/articles/{articleId}',
        'POST /v1/articles',
        'POST /v1/analyze',
        'PUT /v1/articles/{articleId}',
        'DELETE /v1/articles/{articleId}',
        'GET /v1/articles/{articleId}/actors',
        'GET /v1/articles/{articleId}/recommendations',
        'GET /v1/articles/{articleId}/quotations',
        'GET /v1/actors',
        'GET /v1/actors/{actorId}',
        'GET /v1/actors/{actorId}/recommendations',
        'GET /v1/actors/{actorId}/articles',
        'GET /v1/recommendations',
        'GET /v1/recommendations/{recommendationId}',
        'GET /v1/sources',
        'GET /v1/sources/{sourceId}',
        'GET /v1/quotations',
        'GET /v1/quotations/{quotationId}',
        'GET /v1/search',
        'GET /v1/changes',
        'GET /v1/articles/{articleId}/revisions',
      ].sort(),
    );
  });

  it('gives every operation a unique operationId, a summary, tags and its error responses as problem+json', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op } of operations) {
      expect(op.summary, path).toBeTruthy();
      expect(op.tags?.length, path).toBeGreaterThan(0);
      expect(Object.keys(op.responses).some((s) => s.startsWith('2')), path).toBe(true);
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(errors.length, path).toBeGreaterThan(0);
      for (const status of errors) {
        expect(Object.keys(op.responses[status].content), `${path} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('names its components instead of def-N', () => {
    const names = Object.keys(served.components.schemas);
    for (const name of ['Article', 'Actor', 'ArticleActor', 'Recommendation', 'Quotation', 'Source', 'Problem', 'Evidence', 'PageInfo']) {
      expect(names).toContain(name);
    }
    expect(names.filter((n) => n.startsWith('def-'))).toEqual([]);
  });

  it('shows examples that are what the API actually serves for the seed editorial', async () => {
    const T = examples.article.createdAt;
    const fixTimes = (o: unknown) => JSON.parse(JSON.stringify(o).replace(/"(createdAt|updatedAt)":"[^"]+"/g, `"$1":"${T}"`));
    expect(fixTimes((await getJson(app, `/v1/articles/${SEED_ID}`)).body)).toEqual(examples.article);
    expect(fixTimes((await getJson(app, '/v1/actors/pakistan')).body)).toEqual(examples.actor);
    expect(fixTimes((await getJson(app, '/v1/sources/international-crisis-group')).body)).toEqual(examples.source);
    expect((await getJson(app, `/v1/recommendations/${examples.recommendation.id}`)).body).toEqual(examples.recommendation);
    expect((await getJson(app, `/v1/quotations/${examples.quotation.id}`)).body).toEqual(examples.quotation);
    const actors = (await getJson(app, `/v1/articles/${SEED_ID}/actors?limit=100`)).body.data;
    expect(actors).toContainEqual(examples.articleActor);
    expect(served.components.schemas.Article.examples).toEqual([examples.article]);
  });

  it('shows examples of the other media types that are what the API serves for the seed editorial, abridged', async () => {
    const T = examples.article.createdAt;
    const fixTimes = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, T);
    const get = async (url: string, accept: string) => fixTimes((await app.inject({ url, headers: { accept } })).body);
    const article = served.paths['/v1/articles/{articleId}'].get.responses['200'].content;
    const ld = JSON.parse(await get(`/v1/articles/${SEED_ID}`, 'application/ld+json'));
    const ldExample = article['application/ld+json'].example;
    const { about, mentions, citation, text, ...rest } = ld;
    expect(typeof text).toBe('string');
    expect({ ...ldExample, about: [], mentions: [], citation: [] }).toEqual({ ...rest, about: [], mentions: [], citation: [] });
    for (const key of ['about', 'mentions', 'citation'] as const) {
      for (const entry of ldExample[key]) expect(ld[key]).toContainEqual(entry);
    }
    const anno = JSON.parse(await get(`/v1/articles/${SEED_ID}`, 'application/anno+json'));
    const annoExample = article['application/anno+json'].example;
    expect(annoExample.first.items.length).toBeGreaterThan(0);
    const withoutContext = (a: any) => ({ ...a, target: { ...a.target, selector: a.target.selector.map(({ prefix: _p, suffix: _s, ...sel }: any) => sel) } });
    for (const item of annoExample.first.items) expect(anno.first.items.map(withoutContext)).toContainEqual(item);
    for (const [path, list] of [['/v1/recommendations', 'recommendations'], ['/v1/quotations', 'quotations'], ['/v1/actors', 'actors']] as const) {
      const example: string = served.paths[path].get.responses['200'].content['text/csv'].example;
      const csv = await get(`${path}?limit=100`, 'text/csv');
      const [header, row] = example.split('\r\n');
      expect(csv.split('\r\n')[0], list).toBe(header);
      expect(csv.split('\r\n'), list).toContain(row);
    }
  });

  it('shows a search hit and an evidence example that the seed editorial really gives', async () => {
    const [hit] = served.components.schemas.SearchHit.examples;
    const { body: found } = await getJson(app, '/v1/search?q=border+technology&type=recommendation');
    expect({ ...found.data.find((h: { id: string }) => h.id === hit.id), score: hit.score }).toEqual(hit);
    const [evidence] = served.components.schemas.Evidence.examples;
    const { body: article } = await getJson(app, `/v1/articles/${SEED_ID}?include=body`);
    expect(sliceCodePoints(article.body, evidence.start, evidence.end)).toBe(evidence.exact);
  });
});

describe('the response headers the document declares', () => {
  /** The headers an operation's response declares, lower-cased. */
  const declared = (path: string, method: string, status: number) =>
    Object.keys(served.paths[path][method].responses[String(status)].headers ?? {}).map((h) => h.toLowerCase());
  /** Headers every answer carries whatever the operation (security, CORS, framework): not the document's business. */
  const GENERIC = /^(content-|date|connection|keep-alive|access-control-|cross-origin-|origin-agent|referrer-policy|strict-transport|x-|transfer-encoding)/;

  it('are the ones the app sends, by the names it sends them (RateLimit-*, ETag, Vary, Link, Location, Retry-After)', async () => {
    // Budgets on, as in production, so the rate-limit headers are sent.
    const limited = await testApp({ limits: { reads: 1000, writes: 1000, authFailures: 1000 } });
    const key = await limited.store.createKey('headers', ['write']);
    const sent = async (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) => {
      const res = await limited.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      // Vary: Origin is CORS's, on every answer; Vary: Accept is the negotiation's, which the document declares.
      const ours = (h: string) => !GENERIC.test(h) && !(h === 'vary' && !/\bAccept\b/.test(String(res.headers.vary)));
      return { status: res.statusCode, headers: Object.keys(res.headers).filter(ours).sort() };
    };
    const csv = await sent('GET', '/v1/recommendations?limit=1', { accept: 'text/csv' });
    expect(csv.headers).toEqual(['cache-control', 'etag', 'link', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'vary']);
    for (const h of csv.headers) expect(declared('/v1/recommendations', 'get', 200), h).toContain(h);
    const json = await sent('GET', `/v1/articles/${SEED_ID}`);
    for (const h of json.headers) expect(declared('/v1/articles/{articleId}', 'get', 200), h).toContain(h);
    const etag = String((await limited.inject({ method: 'GET', url: `/v1/articles/${SEED_ID}` })).headers.etag);
    const notModified = await sent('GET', `/v1/articles/${SEED_ID}`, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    for (const h of notModified.headers) expect(declared('/v1/articles/{articleId}', 'get', 304), h).toContain(h);
    const created = await sent('POST', '/v1/articles', { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, INDUS_OP_ED);
    expect(created.status).toBe(201);
    expect(created.headers).toEqual(expect.arrayContaining(['etag', 'location', 'ratelimit-limit']));
    for (const h of created.headers) expect(declared('/v1/articles', 'post', 201), h).toContain(h);
    expect(declared('/v1/articles', 'get', 429)).toEqual(expect.arrayContaining(['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']));
    expect(declared('/v1/articles', 'get', 503)).toContain('retry-after');
  }, 60_000);
});
