// Cursor pagination over every list: no duplicates, no gaps, honest totals, refused foreign or
// garbage cursors, and stability when rows are inserted mid-walk.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../db/client.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { getJson, ids, ingest, SEED_ID, testApp, walk } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const SYNTHETIC_COUNT = 30;
const app = await testApp();
await ingest(app, indusOpEd(), ...Array.from({ length: SYNTHETIC_COUNT }, (_, i) => syntheticArticle(i)));

/** A separate app for the insert-while-walking test, so its inserts disturb nothing else. */
const stableApp = await testApp();
await ingest(stableApp, ...Array.from({ length: 12 }, (_, i) => syntheticArticle(i)));

const LISTS = [
  '/v1/articles',
  '/v1/articles?sort=-datePublished',
  '/v1/articles?sort=datePublished',
  '/v1/articles?sort=headline',
  '/v1/articles?publication=dawn',
  '/v1/actors',
  '/v1/sources?type=organization',
  '/v1/actors/pakistan/articles?sort=headline',
  '/v1/actors/pakistan/recommendations',
  '/v1/recommendations',
  '/v1/recommendations?sort=-datePublished',
  '/v1/recommendations?sort=datePublished',
  '/v1/recommendations?sort=priority',
  '/v1/recommendations?domain=governance&sort=priority',
  '/v1/quotations',
  '/v1/quotations?sort=datePublished',
  '/v1/sources',
  `/v1/articles/${SEED_ID}/actors`,
  `/v1/articles/${SEED_ID}/recommendations`,
];

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

async function expectBadCursor(url: string) {
  const { res, body } = await getJson(app, url);
  expect(res.statusCode, url).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ status: 400, title: 'Bad Request', instance: url.split('?')[0] });
  expect(body.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
  return body;
}

async function firstCursor(url: string, limit = 2): Promise<string> {
  const { status, body } = await getJson(app, withQuery(url, `limit=${limit}`));
  expect(status, url).toBe(200);
  expect(typeof body.page.nextCursor, url).toBe('string');
  return body.page.nextCursor;
}

describe('walking every list', () => {
  it('has enough rows for pagination to matter', async () => {
    const { body: articles } = await getJson(app, '/v1/articles?limit=1');
    expect(articles.page.total).toBe(SYNTHETIC_COUNT + 2);
    const { body: recs } = await getJson(app, '/v1/recommendations?limit=1');
    expect(recs.page.total).toBe(8 + 4 + 2 * SYNTHETIC_COUNT);
    const { body: quotes } = await getJson(app, '/v1/quotations?limit=1');
    expect(quotes.page.total).toBe(2 + 3 + SYNTHETIC_COUNT);
  });

  describe.each(LISTS)('%s', (url) => {
    it.each([1, 2, 7])('with limit=%i visits every row once, in the order of one big page', async (limit) => {
      const { status, body: all } = await getJson(app, withQuery(url, 'limit=100'));
      expect(status).toBe(200);
      expect(all.page.total).toBeLessThanOrEqual(100);
      expect(all.page.nextCursor).toBeNull();
      expect(all.data.length).toBe(all.page.total);
      expect(all.page.total).toBeGreaterThan(limit); // more than one page

      const walked = await walk(app, url, limit);
      expect(new Set(walked).size, 'no duplicates').toBe(walked.length);
      expect(walked, 'no gaps, same order').toEqual(ids(all));
      expect(walked.length).toBe(all.page.total);
    });

    it('reports the same total and limit on every page', async () => {
      const { body: all } = await getJson(app, withQuery(url, 'limit=100'));
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { body: any } = await getJson(app, withQuery(url, `limit=7${cursor ? `&cursor=${cursor}` : ''}`));
        const body = page.body;
        expect(body.page.total).toBe(all.page.total);
        expect(body.page.limit).toBe(7);
        expect(body.data.length).toBeLessThanOrEqual(7);
        if (body.page.nextCursor) expect(body.data).toHaveLength(7);
        cursor = body.page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(all.page.total / 7));
    });
  });

  it('gives no cursor on a page that ends exactly at the last row', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}/actors?limit=7`);
    const { body: last } = await getJson(app, `/v1/articles/${SEED_ID}/actors?limit=7&cursor=${body.page.nextCursor}`);
    expect(last.data).toHaveLength(7);
    expect(last.page.nextCursor).toBeNull();
    expect(last.page.total).toBe(14);
  });
});

describe('cursors', () => {
  it('400 for an articles cursor used with another sort', async () => {
    const cursor = await firstCursor('/v1/articles?sort=datePublished');
    await expectBadCursor(`/v1/articles?sort=headline&cursor=${cursor}`);
    await expectBadCursor(`/v1/articles?sort=-datePublished&cursor=${cursor}`);
    await expectBadCursor(`/v1/articles?cursor=${cursor}`);
    const headline = await firstCursor('/v1/articles?sort=headline');
    await expectBadCursor(`/v1/articles?sort=datePublished&cursor=${headline}`);
    // the same cursor is fine with its own sort
    const { status } = await getJson(app, `/v1/articles?sort=datePublished&cursor=${cursor}`);
    expect(status).toBe(200);
  });

  it('400 for a recommendations cursor used with another sort', async () => {
    const cursor = await firstCursor('/v1/recommendations?sort=priority');
    await expectBadCursor(`/v1/recommendations?sort=datePublished&cursor=${cursor}`);
    await expectBadCursor(`/v1/recommendations?cursor=${cursor}`);
    const newest = await firstCursor('/v1/recommendations');
    await expectBadCursor(`/v1/recommendations?sort=priority&cursor=${newest}`);
    await expectBadCursor(`/v1/recommendations?sort=datePublished&cursor=${newest}`);
  });

  it('400 for a quotations cursor used with another sort', async () => {
    const cursor = await firstCursor('/v1/quotations?sort=datePublished');
    await expectBadCursor(`/v1/quotations?cursor=${cursor}`);
    await expectBadCursor(`/v1/quotations?sort=-datePublished&cursor=${cursor}`);
  });

  it('400 for a cursor issued by a list with another sort order', async () => {
    const articles = await firstCursor('/v1/articles');
    await expectBadCursor(`/v1/actors?cursor=${articles}`);
    await expectBadCursor(`/v1/articles/${SEED_ID}/actors?cursor=${articles}`);
    const articleActors = await firstCursor(`/v1/articles/${SEED_ID}/actors`);
    await expectBadCursor(`/v1/articles?cursor=${articleActors}`);
    const recs = await firstCursor('/v1/recommendations?sort=datePublished');
    await expectBadCursor(`/v1/articles?sort=datePublished&cursor=${recs}`);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const GARBAGE = [
    'garbage',
    'bm90IGpzb24', // "not json"
    encode({ sort: 'datePublished' }),
    encode(['datePublished']),
    encode(['datePublished', '2025-01-01']),
    encode(['datePublished', '2025-01-01', 'x', 'extra']),
    encode(['datePublished', { a: 1 }, 'x']),
    encode(['bogus', '2025-01-01', 'x']),
  ];
  it.each(GARBAGE)('400 problem+json for the garbage cursor %s', async (cursor) => {
    const problem = await expectBadCursor(`/v1/articles?sort=datePublished&cursor=${cursor}`);
    expect(problem.detail).toMatch(/cursor/i);
  });

  it.each(['/v1/actors', '/v1/recommendations', '/v1/quotations', '/v1/sources', `/v1/articles/${SEED_ID}/actors`])(
    '400 problem+json for a garbage cursor on %s',
    async (url) => {
      await expectBadCursor(withQuery(url, 'cursor=garbage'));
      await expectBadCursor(withQuery(url, `cursor=${encode(['name', 1])}`));
    },
  );

  it('400 for a cursor issued by another list with the same sort keys', async () => {
    const actorsCursor = await firstCursor('/v1/actors');
    await expectBadCursor(`/v1/sources?cursor=${actorsCursor}`);
    const articlesCursor = await firstCursor('/v1/articles');
    await expectBadCursor(`/v1/recommendations?cursor=${articlesCursor}`);
  });

  it('400 for an empty cursor', async () => {
    const { res } = await getJson(app, '/v1/articles?cursor=');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('stability under inserts', () => {
  /** An article dated `date` with the given id; otherwise a synthetic one. */
  const dated = (i: number, id: string, datePublished: string): IngestDocument => ({ ...syntheticArticle(i), id, datePublished });

  it('keeps walking /v1/articles?sort=datePublished after rows are inserted before the cursor', async () => {
    const { body: before } = await getJson(stableApp, '/v1/articles?sort=datePublished&limit=100');
    const original = ids(before);
    expect(original).toHaveLength(13);

    const { body: first } = await getJson(stableApp, '/v1/articles?sort=datePublished&limit=5');
    expect(ids(first)).toEqual(original.slice(0, 5));
    const lastServed = first.data.at(-1);
    expect(lastServed.datePublished).toBe('2025-01-05');

    // Rows that sort before the cursor: earlier dates, and the cursor's own date with a smaller id.
    const inserted = [
      dated(40, '2024-12-31-inserted-early', '2024-12-31'),
      dated(41, '2025-01-02-inserted-between', '2025-01-02'),
      dated(42, '2025-01-05-a-inserted-same-day', '2025-01-05'),
    ];
    for (const doc of inserted) expect(doc.id! < lastServed.id || doc.datePublished < lastServed.datePublished).toBe(true);
    await ingest(stableApp, ...inserted);

    const rest: string[] = [];
    let cursor: string | null = first.page.nextCursor;
    let total = 0;
    while (cursor) {
      const { status, body } = await getJson(stableApp, `/v1/articles?sort=datePublished&limit=2&cursor=${cursor}`);
      expect(status).toBe(200);
      rest.push(...ids(body));
      total = body.page.total;
      cursor = body.page.nextCursor;
    }

    expect(new Set(rest).size, 'no duplicates').toBe(rest.length);
    expect(rest.filter((id) => ids(first).includes(id)), 'nothing from page 1 again').toEqual([]);
    expect(rest, 'every originally later row, in order, and none of the rows inserted before the cursor').toEqual(original.slice(5));
    expect(total).toBe(original.length + inserted.length);

    // A fresh walk sees the inserted rows.
    const fresh = await walk(stableApp, '/v1/articles?sort=datePublished', 4);
    expect(fresh).toEqual(expect.arrayContaining(inserted.map((d) => d.id!)));
    expect(fresh).toHaveLength(original.length + inserted.length);
  });

  it('includes a row inserted after the cursor position when the walk reaches it', async () => {
    const { body: first } = await getJson(stableApp, '/v1/articles?sort=-datePublished&limit=3');
    const later = dated(43, '2024-06-01-inserted-late', '2024-06-01'); // oldest of all: last in this sort
    await ingest(stableApp, later);
    const rest: string[] = [];
    let cursor: string | null = first.page.nextCursor;
    while (cursor) {
      const { body } = await getJson(stableApp, `/v1/articles?sort=-datePublished&limit=4&cursor=${cursor}`);
      rest.push(...ids(body));
      cursor = body.page.nextCursor;
    }
    expect(new Set([...ids(first), ...rest]).size).toBe(ids(first).length + rest.length);
    expect(rest.at(-1)).toBe(later.id);
  });
});

describe('totals', () => {
  it('follow every write, from this connection or another one on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editorial-totals-'));
    const databasePath = join(dir, 'db.sqlite');
    const server = await buildApp({ databasePath });
    const other = openDatabase(databasePath);
    try {
      const total = async (url: string) => JSON.parse((await server.inject(url)).body).page.total as number;
      expect(await total('/v1/articles')).toBe(1);
      expect(await total('/v1/recommendations?addressee=pakistan')).toBe(8);

      await server.store.writeArticle(syntheticArticle(60), 'create'); // this connection
      expect(await total('/v1/articles')).toBe(2);
      await new SqliteStore(other).writeArticle(syntheticArticle(65), 'create'); // another connection: pakistan addresses iran
      expect(await total('/v1/articles')).toBe(3);
      expect(await total('/v1/recommendations?addressee=pakistan')).toBe(10);
    } finally {
      other.sqlite.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
