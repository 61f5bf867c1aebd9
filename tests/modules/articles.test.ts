// GET /v1/articles, /v1/articles/{id} (with include) and an article's parts.
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../helpers/text.js';
import { expectProblem, getJson, ids, ingest, SEED_ID, testApp } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const app = await testApp();
const INDUS_ID = '2026-02-03-water-is-not-a-weapon';
const SYNTHETIC = [0, 1, 2, 3, 4, 5].map(syntheticArticle);
const synId = (i: number) => SYNTHETIC[i]!.id!;
await ingest(app, indusOpEd(), ...SYNTHETIC);
const ALL_IDS = [SEED_ID, INDUS_ID, ...SYNTHETIC.map((s) => s.id!)];

/** Runs a filtered list and checks it holds exactly `expected` (in any order), which must be a strict subset. */
async function expectFilter(url: string, expected: string[]) {
  expect(expected.length, 'a filter test needs rows to include').toBeGreaterThan(0);
  expect(expected.length, 'a filter test needs rows to exclude').toBeLessThan(ALL_IDS.length);
  const { status, body } = await getJson(app, url);
  expect(status, url).toBe(200);
  expect(new Set(ids(body))).toEqual(new Set(expected));
  expect(body.page.total).toBe(expected.length);
  return body;
}

describe('GET /v1/articles', () => {
  it('lists every article newest first by default, with the list envelope', async () => {
    const { status, res, body } = await getJson(app, '/v1/articles');
    expect(status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(body.page).toEqual({ limit: 20, nextCursor: null, total: ALL_IDS.length });
    expect(ids(body)).toEqual([INDUS_ID, SEED_ID, ...[5, 4, 3, 2, 1, 0].map(synId)]);
  });

  it('serves list items without body or parts, with the publication as an object', async () => {
    const { body } = await getJson(app, '/v1/articles');
    for (const article of body.data) {
      expect(article).not.toHaveProperty('body');
      expect(article).not.toHaveProperty('actors');
      expect(article).not.toHaveProperty('recommendations');
      expect(article).not.toHaveProperty('quotations');
      expect(article.publication).toEqual({ id: expect.any(String), name: expect.any(String) });
    }
    const seed = body.data.find((a: { id: string }) => a.id === SEED_ID);
    expect(seed).toMatchObject({
      headline: 'Anti-terrorism fight',
      kind: 'editorial',
      publication: { id: 'dawn', name: 'Dawn' },
      datePublished: '2026-01-10',
      wordCount: 432,
      counts: { actors: 14, recommendations: 8, quotations: 2 },
    });
    const indus = body.data.find((a: { id: string }) => a.id === INDUS_ID);
    expect(indus).toMatchObject({
      publication: { id: 'the-express-tribune', name: 'The Express Tribune' },
      author: 'Ayesha Rahman',
      topics: ['water', 'pakistan-india-relations'],
    });
  });

  it('sorts newest first with sort=-datePublished, the same as the default', async () => {
    const { body: byDefault } = await getJson(app, '/v1/articles');
    const { status, body } = await getJson(app, '/v1/articles?sort=-datePublished');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(ids(byDefault));
    const dates = body.data.map((a: { datePublished: string }) => a.datePublished);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('sorts oldest first with sort=datePublished', async () => {
    const { status, body } = await getJson(app, '/v1/articles?sort=datePublished');
    expect(status).toBe(200);
    expect(ids(body)).toEqual([...[0, 1, 2, 3, 4, 5].map(synId), SEED_ID, INDUS_ID]);
  });

  it('sorts by headline with sort=headline', async () => {
    const { status, body } = await getJson(app, '/v1/articles?sort=headline');
    expect(status).toBe(200);
    const headlines = body.data.map((a: { headline: string }) => a.headline);
    expect(headlines).toEqual([...headlines].sort());
    expect(headlines[0]).toBe('Anti-terrorism fight');
    expect(headlines.at(-1)).toBe('Water is not a weapon');
    expect(body.page.total).toBe(ALL_IDS.length);
  });

  it('filters by publication', async () => {
    const body = await expectFilter('/v1/articles?publication=dawn', [SEED_ID, synId(0), synId(3)]);
    expect(body.data.every((a: { publication: { id: string } }) => a.publication.id === 'dawn')).toBe(true);
    await expectFilter('/v1/articles?publication=the-express-tribune', [INDUS_ID, synId(1), synId(4)]);
  });

  it('filters by kind', async () => {
    await expectFilter('/v1/articles?kind=op-ed', [INDUS_ID, synId(1), synId(4)]);
    await expectFilter('/v1/articles?kind=editorial', [SEED_ID, synId(0), synId(3)]);
    await expectFilter('/v1/articles?kind=column', [synId(2), synId(5)]);
  });

  it('filters by topic', async () => {
    await expectFilter('/v1/articles?topic=counter-terrorism', [SEED_ID]);
    await expectFilter('/v1/articles?topic=topic-1', [synId(1), synId(5)]);
    await expectFilter('/v1/articles?topic=synthetic', SYNTHETIC.map((s) => s.id!));
  });

  it('filters by actor', async () => {
    await expectFilter('/v1/articles?actor=afghan-taliban', [SEED_ID]);
    // india: the op-ed, and the synthetic pieces that name it (i % 5 == 1 as addressee, i % 5 == 4 as partner)
    await expectFilter('/v1/articles?actor=india', [INDUS_ID, synId(1), synId(4)]);
    // pakistan: the seed, the op-ed, and synthetic 0 and 5 (addressee) and 3 (partner)
    await expectFilter('/v1/articles?actor=pakistan', [SEED_ID, INDUS_ID, synId(0), synId(3), synId(5)]);
  });

  it('filters by date range, inclusive at both ends', async () => {
    await expectFilter('/v1/articles?from=2025-01-03&to=2025-01-05', [synId(2), synId(3), synId(4)]);
    await expectFilter('/v1/articles?from=2026-01-10', [SEED_ID, INDUS_ID]);
    await expectFilter('/v1/articles?to=2025-01-02', [synId(0), synId(1)]);
  });

  it('combines filters with AND', async () => {
    await expectFilter('/v1/articles?publication=dawn&kind=editorial&to=2025-12-31', [synId(0), synId(3)]);
    await expectFilter('/v1/articles?actor=pakistan&from=2026-01-01', [SEED_ID, INDUS_ID]);
  });

  it('gives an empty list, not an error, for from later than to', async () => {
    const { status, body } = await getJson(app, '/v1/articles?from=2026-02-01&to=2026-01-01');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: 0 } });
  });

  it('gives an empty list for unknown publication, topic or actor ids', async () => {
    for (const q of ['publication=no-such-paper', 'topic=no-such-topic', 'actor=no-such-actor']) {
      const { status, body } = await getJson(app, `/v1/articles?${q}`);
      expect(status, q).toBe(200);
      expect(body.data, q).toEqual([]);
      expect(body.page.total, q).toBe(0);
    }
  });

  it('honours limit and reports the total over all pages', async () => {
    const { body } = await getJson(app, '/v1/articles?limit=3');
    expect(body.data).toHaveLength(3);
    expect(body.page.limit).toBe(3);
    expect(body.page.total).toBe(ALL_IDS.length);
    expect(typeof body.page.nextCursor).toBe('string');
    expect(ids(body)).toEqual([INDUS_ID, SEED_ID, synId(5)]);
    const { body: next } = await getJson(app, `/v1/articles?limit=3&cursor=${body.page.nextCursor}`);
    expect(ids(next)).toEqual([4, 3, 2].map(synId));
    expect(next.page.total).toBe(ALL_IDS.length);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['from=2026-13-01'],
    ['to=yesterday'],
    ['sort=bogus'],
    ['kind=letter'],
    ['publication=Not%20A%20Slug'],
    ['bogus=1'],
    ['cursor=garbage'],
  ])('400 problem+json for %s', async (query) => {
    const problem = await expectProblem(app, `/v1/articles?${query}`, 400);
    expect(problem.title).toBe('Bad Request');
  });

  it('names the offending parameter in a 400', async () => {
    const problem = await expectProblem(app, '/v1/articles?bogus=1', 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/bogus' })]);
    const limit = await expectProblem(app, '/v1/articles?limit=101', 400);
    expect(limit.errors).toEqual([expect.objectContaining({ path: '/limit' })]);
  });
});

describe('GET /v1/articles/{articleId}', () => {
  it('returns the seed article with its counts and nested publication', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: SEED_ID,
      headline: 'Anti-terrorism fight',
      kind: 'editorial',
      publication: { id: 'dawn', name: 'Dawn' },
      author: null,
      datePublished: '2026-01-10',
      language: 'en',
      url: null,
      wordCount: 432,
      topics: ['counter-terrorism', 'pakistan-afghanistan-relations', 'border-security', 'internal-security'],
      counts: { actors: 14, recommendations: 8, quotations: 2 },
    });
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    expect(Number.isNaN(Date.parse(body.updatedAt))).toBe(false);
  });

  it('embeds nothing without include', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}`);
    for (const part of ['body', 'actors', 'recommendations', 'quotations']) expect(body).not.toHaveProperty(part);
  });

  it('embeds only the body with include=body, whose word count matches wordCount', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}?include=body`);
    expect(status).toBe(200);
    expect(typeof body.body).toBe('string');
    expect(body.body.startsWith('PAKISTAN’S troubled relationship with Afghanistan')).toBe(true);
    expect(body.body.split(/\s+/).filter(Boolean)).toHaveLength(body.wordCount);
    for (const part of ['actors', 'recommendations', 'quotations']) expect(body).not.toHaveProperty(part);
  });

  it('embeds the same actors as the actors sub-list with include=actors', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}?include=actors`);
    const { body: sub } = await getJson(app, `/v1/articles/${SEED_ID}/actors?limit=100`);
    expect(body.actors).toHaveLength(14);
    expect(body.actors).toEqual(sub.data);
    expect(body).not.toHaveProperty('body');
    expect(body).not.toHaveProperty('recommendations');
    expect(body).not.toHaveProperty('quotations');
  });

  it('embeds recommendations by priority with include=recommendations', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}?include=recommendations`);
    expect(body.recommendations.map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const { body: sub } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations?limit=100`);
    expect(body.recommendations).toEqual(sub.data);
    expect(body).not.toHaveProperty('actors');
  });

  it('embeds the same quotations as the quotations sub-list with include=quotations', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}?include=quotations`);
    const { body: sub } = await getJson(app, `/v1/articles/${SEED_ID}/quotations`);
    expect(body.quotations).toHaveLength(2);
    expect(body.quotations).toEqual(sub.data);
    expect(body).not.toHaveProperty('recommendations');
  });

  it('embeds exactly the named parts for a combination', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${INDUS_ID}?include=recommendations,quotations`);
    expect(status).toBe(200);
    expect(body.recommendations).toHaveLength(4);
    expect(body.quotations).toHaveLength(3);
    expect(body).not.toHaveProperty('body');
    expect(body).not.toHaveProperty('actors');
  });

  it('embeds everything with include=body,actors,recommendations,quotations, each anchor slicing the body', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}?include=body,actors,recommendations,quotations`);
    expect(status).toBe(200);
    expect(body.actors).toHaveLength(body.counts.actors);
    expect(body.recommendations).toHaveLength(body.counts.recommendations);
    expect(body.quotations).toHaveLength(body.counts.quotations);
    const anchors = [
      ...body.recommendations.map((r: { evidence: unknown }) => r.evidence),
      ...body.quotations.map((q: { evidence: unknown }) => q.evidence),
      ...body.actors.flatMap((a: { mentions: unknown[] }) => a.mentions),
    ] as Array<{ exact: string; start: number; end: number }>;
    expect(anchors.length).toBeGreaterThan(10);
    for (const a of anchors) expect(sliceCodePoints(body.body, a.start, a.end)).toBe(a.exact);
  });

  it('accepts include parts in any order and with spaces', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}?include=quotations,%20body`);
    expect(status).toBe(200);
    expect(typeof body.body).toBe('string');
    expect(body.quotations).toHaveLength(2);
  });

  it('400 problem+json for an invalid include value', async () => {
    const problem = await expectProblem(app, `/v1/articles/${SEED_ID}?include=bogus`, 400);
    expect(problem.detail).toContain('bogus');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/include' })]);
    await expectProblem(app, `/v1/articles/${SEED_ID}?include=body,comments`, 400);
  });

  it('takes include as the comma list OpenAPI declares, and as it always did: empty items, a part twice, the parameter repeated', async () => {
    const all = (await getJson(app, `/v1/articles/${SEED_ID}?include=body,actors,recommendations,quotations`)).body;
    for (const query of ['include=body,actors,recommendations,quotations', 'include=quotations,,body,%20actors%20,recommendations,body', 'include=body,actors&include=recommendations,quotations']) {
      const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}?${query}`);
      expect(status, query).toBe(200);
      expect(body, query).toEqual(all);
    }
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}?include=`);
    expect(status).toBe(200);
    expect(body.body).toBeUndefined();
  });

  it('400 problem+json for an include over 100 characters, or a part in another case', async () => {
    const long = await expectProblem(app, `/v1/articles/${SEED_ID}?include=${'body,'.repeat(21)}body`, 400);
    expect(long.errors).toEqual([{ path: '/include', message: 'must NOT have more than 100 characters' }]);
    const upper = await expectProblem(app, `/v1/articles/${SEED_ID}?include=Body`, 400);
    expect(upper.detail).toContain("'Body'");
  });

  it('400 problem+json for an unknown query parameter', async () => {
    await expectProblem(app, `/v1/articles/${SEED_ID}?bogus=1`, 400);
  });

  it('404 problem+json for an unknown article', async () => {
    const problem = await expectProblem(app, '/v1/articles/no-such-article', 404);
    expect(problem.title).toBe('Not Found');
    expect(problem.detail).toContain('no-such-article');
    await expectProblem(app, '/v1/articles/no-such-article?include=body', 404);
  });
});

describe("GET /v1/articles/{articleId}/actors", () => {
  it("lists the seed's 14 actors in document order with roles, portrayal and mentions", async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}/actors`);
    expect(status).toBe(200);
    expect(body.page.total).toBe(14);
    expect(body.data).toHaveLength(14);
    expect(ids(body).slice(0, 4)).toEqual(['pakistan', 'afghan-taliban', 'afghanistan', 'ttp']);
    expect(body.data[0]).toMatchObject({
      id: 'pakistan',
      name: 'Pakistan',
      type: 'state',
      roles: ['subject', 'addressee', 'affected'],
      portrayal: 'sympathetic',
    });
    const china = body.data.find((a: { id: string }) => a.id === 'china');
    expect(china).toMatchObject({ roles: ['partner'], portrayal: 'sympathetic' });
    expect(china.mentions[0]).toEqual({ exact: 'China', start: expect.any(Number), end: expect.any(Number) });
  });

  it("lists another article's actors, not the seed's", async () => {
    const { body } = await getJson(app, `/v1/articles/${INDUS_ID}/actors`);
    expect(ids(body)).toEqual([
      'pakistan',
      'india',
      'world-bank',
      'permanent-court-of-arbitration',
      'pakistani-provincial-governments',
      'farmers',
    ]);
    expect(body.data.find((a: { id: string }) => a.id === 'india')).toMatchObject({ portrayal: 'critical' });
  });

  it('404 problem+json for an unknown article', async () => {
    await expectProblem(app, '/v1/articles/no-such-article/actors', 404);
  });

  it('400 problem+json for a bad limit or an unknown parameter', async () => {
    await expectProblem(app, `/v1/articles/${SEED_ID}/actors?limit=0`, 400);
    await expectProblem(app, `/v1/articles/${SEED_ID}/actors?type=state`, 400);
  });
});

describe("GET /v1/articles/{articleId}/recommendations", () => {
  it('lists the seed recommendations ordered by priority 1..8', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations`);
    expect(status).toBe(200);
    expect(body.page.total).toBe(8);
    expect(body.data.map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const first = body.data[0];
    expect(first.domain).toBe('internal-security');
    expect(first.evidence.exact.startsWith('Most importantly')).toBe(true);
    expect(first.article).toEqual({ id: SEED_ID, headline: 'Anti-terrorism fight', datePublished: '2026-01-10' });
    expect(first.addressee).toEqual({ id: 'pakistan', name: 'Pakistan' });
  });

  it('only lists recommendations of that article', async () => {
    const { body } = await getJson(app, `/v1/articles/${INDUS_ID}/recommendations`);
    expect(body.page.total).toBe(4);
    expect(body.data.every((r: { article: { id: string } }) => r.article.id === INDUS_ID)).toBe(true);
    expect(body.data.map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4]);
  });

  it('applies recommendation filters within the article', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations?domain=diplomacy`);
    expect(body.data.map((r: { priority: number }) => r.priority)).toEqual([4, 5, 7, 8]);
    const { body: should } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations?strength=should`);
    expect(should.data.map((r: { priority: number }) => r.priority)).toEqual([6, 7]);
  });

  it('refuses the article filter, which the path fixes', async () => {
    await expectProblem(app, `/v1/articles/${SEED_ID}/recommendations?article=${INDUS_ID}`, 400);
  });

  it('404 problem+json for an unknown article', async () => {
    await expectProblem(app, '/v1/articles/no-such-article/recommendations', 404);
  });
});

describe("GET /v1/articles/{articleId}/quotations", () => {
  it('lists the seed quotations with their sources as objects', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}/quotations`);
    expect(status).toBe(200);
    expect(body.page.total).toBe(2);
    expect(body.data.map((q: { source: unknown }) => q.source)).toEqual([
      { id: 'international-crisis-group', name: 'International Crisis Group' },
      { id: 'different-quarters-within-pakistan', name: 'Different quarters within Pakistan' },
    ]);
  });

  it('lists quotations in text order', async () => {
    const { body } = await getJson(app, `/v1/articles/${INDUS_ID}/quotations`);
    expect(body.page.total).toBe(3);
    const starts = body.data.map((q: { evidence: { start: number } }) => q.evidence.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(body.data.map((q: { source: { id: string } }) => q.source.id)).toEqual([
      'government-of-india',
      'world-bank',
      'lahore-hydrologist',
    ]);
  });

  it('applies quotation filters within the article', async () => {
    const { body } = await getJson(app, `/v1/articles/${INDUS_ID}/quotations?kind=direct`);
    expect(body.data.map((q: { source: { id: string } }) => q.source.id)).toEqual(['lahore-hydrologist']);
    const { body: bySource } = await getJson(app, `/v1/articles/${INDUS_ID}/quotations?source=international-crisis-group`);
    expect(bySource.data).toEqual([]);
  });

  it('404 problem+json for an unknown article', async () => {
    await expectProblem(app, '/v1/articles/no-such-article/quotations', 404);
  });
});

describe('article counts', () => {
  it("agree with the lengths of each article's sub-lists", async () => {
    const { body } = await getJson(app, '/v1/articles?limit=100');
    expect(body.data).toHaveLength(ALL_IDS.length);
    for (const article of body.data) {
      const [actors, recs, quotes] = await Promise.all(
        ['actors', 'recommendations', 'quotations'].map((part) => getJson(app, `/v1/articles/${article.id}/${part}?limit=100`)),
      );
      expect(article.counts, article.id).toEqual({
        actors: actors!.body.page.total,
        recommendations: recs!.body.page.total,
        quotations: quotes!.body.page.total,
      });
      expect(actors!.body.data).toHaveLength(article.counts.actors);
    }
    const indus = body.data.find((a: { id: string }) => a.id === INDUS_ID);
    expect(indus.counts).toEqual({ actors: 6, recommendations: 4, quotations: 3 });
  });
});
