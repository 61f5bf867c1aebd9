// The typed client (clients/typescript/) against a live server: the compiled server on a free
// port and a database file of its own, driven only through the client, as an app would. Also the
// wire facts a client relies on that inject cannot show: a 304 carries no Content-Type.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorialClient, type Schemas } from '../clients/typescript/index.js';
import { INDUS_OP_ED } from '../src/schemas/ingest.examples.js';
import { deriveArticleId } from '../src/ingest/rules.js';
import { SEED_ID } from './helpers/app.js';
import { indusOpEd } from './helpers/fixtures.js';
import { NO_LIMITS_ENV, runCli, startServer, type ServerProcess } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'editorial-client-'));
const env = { DATABASE_PATH: join(dir, 'client.sqlite'), ...NO_LIMITS_ENV };
let server: ServerProcess;
let base: string;
let key: string;

beforeAll(async () => {
  // The server first: it creates, migrates and seeds the database; then a key, beside it.
  server = startServer(env);
  base = await server.listening;
  key = runCli('keys', ['create', '--name', 'client-test', '--scope', 'write'], env).stdout.trim().split('\n').at(-1)!;
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('the typed client against a live server', () => {
  it('lists with filters, typed', async () => {
    const api = createEditorialClient(base);
    const { data, error, response } = await api.GET('/v1/recommendations', { params: { query: { addressee: 'pakistan', sort: 'priority', limit: 3 } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    const items: Array<Schemas['Recommendation']> = data!.data;
    expect(items.map((r) => r.priority)).toEqual([1, 2, 3]);
    expect(items.every((r) => r.addressee.id === 'pakistan')).toBe(true);
    expect(data!.page.total).toBeGreaterThan(3);
  });

  it('gets an article with includes, sent as the document says (include=body,recommendations)', async () => {
    const api = createEditorialClient(base);
    const { data, response } = await api.GET('/v1/articles/{articleId}', {
      params: { path: { articleId: SEED_ID }, query: { include: ['body', 'recommendations'] } },
    });
    expect(new URL(response.url).search).toBe('?include=body,recommendations');
    expect(data!.body!.length).toBeGreaterThan(1000);
    expect(data!.recommendations).toHaveLength(data!.counts.recommendations);
    expect(data!.actors).toBeUndefined();
    const { error } = await api.GET('/v1/articles/{articleId}', { params: { path: { articleId: 'no-such-article' } } });
    expect(error).toMatchObject({ status: 404, type: 'urn:editorial-data-api:problem:not-found' });
  });

  it('pages to the end with nextCursor, each item once', async () => {
    const api = createEditorialClient(base);
    const seen: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    for (let pages = 0; pages < 100; pages++) {
      const { data } = await api.GET('/v1/actors', { params: { query: { limit: 4, ...(cursor ? { cursor } : {}) } } });
      seen.push(...data!.data.map((a) => a.id));
      total = data!.page.total;
      if (data!.page.nextCursor === null) break;
      cursor = data!.page.nextCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThan(8);
  });

  it('writes with If-Match: creates, replaces with the ETag it read, and is refused (412) with a stale one', async () => {
    const writer = createEditorialClient(base, { apiKey: key });
    const doc = indusOpEd();
    const id = deriveArticleId(doc);
    const created = await writer.POST('/v1/articles', { body: doc });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(`/v1/articles/${id}`);
    const etag = created.response.headers.get('etag')!;

    const read = await writer.GET('/v1/articles/{articleId}', { params: { path: { articleId: id } } });
    expect(read.response.headers.get('etag')).toBe(etag);

    const corrected = { ...structuredClone(INDUS_OP_ED), headline: `${INDUS_OP_ED.headline} (corrected)`, id } as Schemas['IngestDocument'];
    const replaced = await writer.PUT('/v1/articles/{articleId}', {
      params: { path: { articleId: id }, header: { 'if-match': etag } },
      body: corrected,
    });
    expect(replaced.response.status).toBe(200);
    expect(replaced.data!.headline).toBe(corrected.headline);
    const newTag = replaced.response.headers.get('etag');
    expect(newTag).not.toBe(etag);

    const stale = await writer.PUT('/v1/articles/{articleId}', {
      params: { path: { articleId: id }, header: { 'if-match': etag } },
      body: corrected,
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ status: 412, title: 'Precondition Failed' });

    // Without a key the same client shape gets the 401 problem.
    const anonymous = await createEditorialClient(base).DELETE('/v1/articles/{articleId}', { params: { path: { articleId: id } } });
    expect(anonymous.response.status).toBe(401);
    const deleted = await writer.DELETE('/v1/articles/{articleId}', { params: { path: { articleId: id }, header: { 'if-match': newTag! } } });
    expect(deleted.response.status).toBe(204);
  });

  it('reads the other representations with parseAs', async () => {
    const api = createEditorialClient(base);
    const csv = await api.GET('/v1/quotations', { params: { query: { limit: 1 } }, headers: { accept: 'text/csv' }, parseAs: 'text' });
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.data!.split('\r\n')[0]).toMatch(/^id,date_published,/);
    expect(csv.response.headers.get('link')).toMatch(/^<\/v1\/quotations\?limit=1&cursor=[\w-]+>; rel="next"$/);
  });
});

describe('on the wire', () => {
  it('a 304 carries no Content-Type and no body, for every representation', async () => {
    for (const [path, accept] of [
      [`/v1/articles/${SEED_ID}`, 'application/json'],
      [`/v1/articles/${SEED_ID}`, 'application/ld+json'],
      ['/v1/actors?limit=3', 'text/csv'],
    ] as const) {
      const first = await fetch(`${base}${path}`, { headers: { accept } });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      // Twice: once computed, once from the response cache.
      for (let i = 0; i < 2; i++) {
        const again = await fetch(`${base}${path}`, { headers: { accept, 'if-none-match': etag } });
        expect(again.status, `${path} ${accept}`).toBe(304);
        expect(again.headers.get('content-type'), `${path} ${accept}`).toBeNull();
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('vary')).toMatch(/\bAccept\b/);
        expect(await again.text()).toBe('');
      }
    }
  });
});
