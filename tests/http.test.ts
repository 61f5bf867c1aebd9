import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/client.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { syntheticArticle } from './helpers/fixtures.js';
import { buildApp } from '../src/app.js';
import { checkProblem, getJson, SEED_ID, testApp, sqliteOf, buildTestApp } from './helpers/app.js';

const app = await testApp();


describe('caching', () => {
  it('answers every GET with a strong ETag and Cache-Control', async () => {
    for (const url of ['/v1/articles', `/v1/articles/${SEED_ID}`, '/v1/actors/pakistan', '/v1/recommendations', '/health']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers.etag, url).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(res.headers['cache-control'], url).toBeDefined();
    }
    expect((await app.inject('/v1/articles')).headers['cache-control']).toBe('public, max-age=60');
    expect((await app.inject('/health')).headers['cache-control']).toBe('no-store');
  });

  it('answers 304 without a body when If-None-Match matches, and 200 when it does not', async () => {
    const url = `/v1/articles/${SEED_ID}?include=body`;
    const first = await app.inject(url);
    const etag = first.headers.etag as string;
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const list = await app.inject({ url, headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(list.statusCode).toBe(304);
    const stale = await app.inject({ url, headers: { 'if-none-match': '"stale"' } });
    expect(stale.statusCode).toBe(200);
    expect(JSON.parse(stale.body).body.length).toBeGreaterThan(2000);
  });

  it('answers 304 from the ETag of the response itself when nothing is cached (responseCacheBytes: 0)', async () => {
    const uncached = await testApp({ responseCacheBytes: 0 });
    for (const url of [`/v1/articles/${SEED_ID}?include=body`, '/v1/actors?limit=5']) {
      const first = await uncached.inject(url);
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[^"]+"$/);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", W/${etag}`]) {
        const again = await uncached.inject({ url, headers: { 'if-none-match': ifNoneMatch } });
        expect(again.statusCode, `${url} If-None-Match: ${ifNoneMatch}`).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
      }
      const stale = await uncached.inject({ url, headers: { 'if-none-match': '"stale"' } });
      expect(stale.statusCode, url).toBe(200);
      expect(stale.body).toBe(first.body);
    }
  });

  it('gives different representations different ETags', async () => {
    const plain = await app.inject(`/v1/articles/${SEED_ID}`);
    const withBody = await app.inject(`/v1/articles/${SEED_ID}?include=body`);
    expect(plain.headers.etag).not.toBe(withBody.headers.etag);
  });

  it("gives each set of an article's parts its own ETag, stored with its documents, that every write moves", async () => {
    const own = await testApp();
    const parts = ['body', 'actors', 'recommendations', 'quotations'];
    const subsets = Array.from({ length: 16 }, (_, mask) => parts.filter((_, i) => mask & (1 << i)));
    const url = (include: string[]) => `/v1/articles/${SEED_ID}${include.length ? `?include=${include.join(',')}` : ''}`;
    const tags = async () => Promise.all(subsets.map(async (include) => (await own.inject(url(include))).headers.etag as string));
    const before = await tags();
    expect(new Set(before).size).toBe(16);
    expect(await tags()).toEqual(before);
    // A write that changes one recommendation's statement changes every representation's ETag.
    const doc = (await own.store.exportArticle(SEED_ID))!;
    doc.recommendations[0]!.statement += ' (corrected)';
    await own.store.writeArticle(doc, 'replace');
    const after = await tags();
    for (const [i, include] of subsets.entries()) {
      expect(after[i], include.join(',')).not.toBe(before[i]);
      const stale = await own.inject({ url: url(include), headers: { 'if-none-match': before[i]! } });
      expect(stale.statusCode).toBe(200);
      const fresh = await own.inject({ url: url(include), headers: { 'if-none-match': after[i]! } });
      expect(fresh.statusCode).toBe(304);
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/v1/articles' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe((await app.inject('/v1/articles')).headers.etag);
  });
});

describe('errors are RFC 9457 problem+json', () => {
  it('404 problem+json for an unknown article', async () => {
    const problem = checkProblem(await app.inject('/v1/articles/no-such-article'), 404);
    expect(problem.detail).toBe("No article has the id 'no-such-article'.");
    expect(problem.instance).toBe('/v1/articles/no-such-article');
  });

  it('404 problem+json for an unknown route', async () => {
    checkProblem(await app.inject('/v2/articles'), 404);
  });

  it('405 with Allow for a method the path does not support', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/v1/actors/pakistan' });
    const problem = checkProblem(res, 405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(problem.detail).toContain('DELETE');
  });

  it('400 naming an unknown query parameter instead of ignoring it', async () => {
    const problem = checkProblem(await app.inject('/v1/recommendations?adressee=pakistan'), 400);
    expect(problem.errors).toEqual([{ path: '/adressee', message: 'is not a parameter of this operation' }]);
    expect(problem.detail).toContain("'adressee'");
  });

  it('400 listing every invalid query value', async () => {
    const problem = checkProblem(await app.inject('/v1/articles?limit=0&from=2026-13-45&sort=random'), 400);
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/from', '/limit', '/sort']);
  });

  it('400 for an invalid path id', async () => {
    const problem = checkProblem(await app.inject('/v1/actors/NOT_A_SLUG'), 400);
    expect(problem.errors[0].path).toBe('/actorId');
  });

  it('400 for an unknown include part', async () => {
    const problem = checkProblem(await app.inject(`/v1/articles/${SEED_ID}?include=body,comments`), 400);
    expect(problem.detail).toContain("'comments'");
  });

  it('500 problem+json that hides the internal error', async () => {
    const failing = await buildTestApp();
    failing.get('/boom', async () => {
      throw new Error('SQLITE_CORRUPT: secret internals at /srv/db.ts:12');
    });
    const res = await failing.inject('/boom');
    const problem = checkProblem(res, 500);
    expect(problem.detail).toBe('The server failed to answer this request; the error has been logged.');
    expect(res.body).not.toContain('SQLITE_CORRUPT');
    await failing.close();
  });

  it('problem documents carry no stack traces', async () => {
    const res = await app.inject('/v1/articles?cursor=%00%01');
    const problem = checkProblem(res, 400);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('health', () => {
  it('answers 503 problem+json when the database does not answer', async () => {
    const broken = await buildTestApp();
    await broken.store.close();
    const res = await broken.inject('/health');
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ status: 503, detail: 'The database does not answer.' });
    await broken.close();
  });

  it('reports the database as ok', async () => {
    const { status, body } = await getJson(app, '/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('the response cache', () => {
  it('serves a repeated read from memory and shows a write from another connection at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editorial-cache-'));
    const databasePath = join(dir, 'db.sqlite');
    const server = await buildApp({ databasePath });
    const other = openDatabase(databasePath);
    try {
      const first = await server.inject('/v1/articles');
      let queries = 0;
      const sqlite = sqliteOf(server);
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = ((text: string) => {
        if (/^\s*select/i.test(text)) queries++;
        return prepare(text);
      });
      const again = await server.inject('/v1/articles');
      expect(again.body).toBe(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(queries).toBe(0);

      await new SqliteStore(other).writeArticle(syntheticArticle(70), 'create');
      const after = await server.inject('/v1/articles');
      expect(JSON.parse(after.body).page.total).toBe(2);
      expect(after.headers.etag).not.toBe(first.headers.etag);
    } finally {
      other.sqlite.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
