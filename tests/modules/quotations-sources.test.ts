// GET /v1/quotations, /v1/quotations/{id}, /v1/sources and /v1/sources/{id}.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { sliceCodePoints } from '../helpers/text.js';
import { expectProblem, getJson, ids, ingest, SEED_ID, testApp } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const app = await testApp();
const INDUS_ID = '2026-02-03-water-is-not-a-weapon';
const SEED: IngestDocument = JSON.parse(
  readFileSync(new URL(`../../db/seed/${SEED_ID}.json`, import.meta.url), 'utf8'),
);
// sources: institute-0 (synthetic 0 and 5), institute-1 (1 and 6), institute-2, -3, -4 (one each)
const SYNTHETIC = [0, 1, 2, 3, 4, 5, 6].map(syntheticArticle);
await ingest(app, indusOpEd(), ...SYNTHETIC);

/** Every quotation as the documents state it, with the id the API gives it (`{article}.q{n}`). */
interface Expected {
  id: string;
  article: string;
  date: string;
  source: string;
  kind: string;
}
const DOCS = [[SEED_ID, SEED], [INDUS_ID, indusOpEd()], ...SYNTHETIC.map((d) => [d.id!, d] as const)] as Array<
  readonly [string, IngestDocument]
>;
const EXPECTED: Expected[] = DOCS.flatMap(([articleId, doc]) =>
  doc.quotations.map((q, i) => ({
    id: `${articleId}.q${i + 1}`,
    article: articleId,
    date: doc.datePublished,
    source: q.source.id,
    kind: q.kind,
  })),
);
const SOURCES = {
  'international-crisis-group': { type: 'organization', actor: { id: 'international-crisis-group', name: 'International Crisis Group' } },
  'different-quarters-within-pakistan': {
    type: 'group',
    actor: { id: 'different-quarters-within-pakistan', name: 'Different quarters within Pakistan' },
  },
  'world-bank': { type: 'organization', actor: { id: 'world-bank', name: 'World Bank' } },
  'lahore-hydrologist': { type: 'person', actor: null },
  'government-of-india': { type: 'organization', actor: { id: 'india', name: 'India' } },
  'institute-0': { type: 'organization', actor: null },
  'institute-1': { type: 'organization', actor: null },
  'institute-2': { type: 'organization', actor: null },
  'institute-3': { type: 'organization', actor: null },
  'institute-4': { type: 'organization', actor: null },
} as const;
const SOURCE_IDS = Object.keys(SOURCES);

/** The filtered list holds exactly the quotations `keep` selects, which must be some but not all. */
async function expectFilter(query: string, keep: (q: Expected) => boolean) {
  const expected = EXPECTED.filter(keep).map((q) => q.id);
  expect(expected.length, `${query}: a filter test needs rows to include`).toBeGreaterThan(0);
  expect(expected.length, `${query}: a filter test needs rows to exclude`).toBeLessThan(EXPECTED.length);
  const { status, body } = await getJson(app, `/v1/quotations?${query}&limit=100`);
  expect(status, query).toBe(200);
  expect(new Set(ids(body))).toEqual(new Set(expected));
  expect(body.page.total).toBe(expected.length);
  return body;
}

describe('GET /v1/quotations', () => {
  it('lists every quotation with the list envelope', async () => {
    const { status, body } = await getJson(app, '/v1/quotations?limit=100');
    expect(status).toBe(200);
    expect(EXPECTED).toHaveLength(2 + 3 + SYNTHETIC.length);
    expect(body.page).toEqual({ limit: 100, nextCursor: null, total: EXPECTED.length });
    expect(new Set(ids(body))).toEqual(new Set(EXPECTED.map((q) => q.id)));
  });

  it('lists newest articles first by default and with sort=-datePublished', async () => {
    const { body: byDefault } = await getJson(app, '/v1/quotations?limit=100');
    const { status, body } = await getJson(app, '/v1/quotations?sort=-datePublished&limit=100');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(ids(byDefault));
    const dates = body.data.map((q: { article: { datePublished: string } }) => q.article.datePublished);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.data.slice(0, 3).map((q: { article: { id: string } }) => q.article.id)).toEqual([INDUS_ID, INDUS_ID, INDUS_ID]);
    expect(ids(body).slice(3, 5)).toEqual([`${SEED_ID}.q1`, `${SEED_ID}.q2`]);
  });

  it('lists oldest articles first with sort=datePublished', async () => {
    const { status, body } = await getJson(app, '/v1/quotations?sort=datePublished&limit=100');
    expect(status).toBe(200);
    const dates = body.data.map((q: { article: { datePublished: string } }) => q.article.datePublished);
    expect(dates).toEqual([...dates].sort());
    expect(body.data[0].id).toBe(`${SYNTHETIC[0]!.id}.q1`);
    expect(body.data.at(-1).article.id).toBe(INDUS_ID);
  });

  it("lists an article's quotations in text order", async () => {
    const { body } = await getJson(app, '/v1/quotations?limit=100');
    const starts = new Map<string, number[]>();
    for (const q of body.data) starts.set(q.article.id, [...(starts.get(q.article.id) ?? []), q.evidence.start]);
    for (const [article, list] of starts) expect(list, article).toEqual([...list].sort((a, b) => a - b));
  });

  it('filters by source', async () => {
    const body = await expectFilter('source=institute-0', (q) => q.source === 'institute-0');
    expect(body.data).toHaveLength(2);
    for (const q of body.data) expect(q.source).toEqual({ id: 'institute-0', name: 'Institute 0' });
    await expectFilter('source=international-crisis-group', (q) => q.source === 'international-crisis-group');
    await expectFilter('source=government-of-india', (q) => q.source === 'government-of-india');
  });

  it('filters by article', async () => {
    await expectFilter(`article=${SEED_ID}`, (q) => q.article === SEED_ID);
    await expectFilter(`article=${INDUS_ID}`, (q) => q.article === INDUS_ID);
  });

  it('filters by kind', async () => {
    const direct = await expectFilter('kind=direct', (q) => q.kind === 'direct');
    expect(ids(direct)).toEqual([`${INDUS_ID}.q2`]);
    expect(direct.data[0]).toMatchObject({ verb: 'put it', source: { id: 'lahore-hydrologist', name: 'A hydrologist in Lahore' } });
    await expectFilter('kind=indirect', (q) => q.kind === 'indirect');
  });

  it('filters by date range, inclusive at both ends', async () => {
    await expectFilter('from=2025-01-02&to=2025-01-04', (q) => q.date >= '2025-01-02' && q.date <= '2025-01-04');
    await expectFilter('from=2026-01-10', (q) => q.date >= '2026-01-10');
    await expectFilter('to=2026-01-10', (q) => q.date <= '2026-01-10');
  });

  it('combines filters with AND', async () => {
    await expectFilter('kind=indirect&from=2026-01-01', (q) => q.kind === 'indirect' && q.date >= '2026-01-01');
    await expectFilter(`source=world-bank&article=${INDUS_ID}`, (q) => q.source === 'world-bank' && q.article === INDUS_ID);
  });

  it('gives an empty list, not an error, for from later than to', async () => {
    const { status, body } = await getJson(app, '/v1/quotations?from=2026-02-01&to=2025-01-01');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: 0 } });
  });

  it('gives an empty list for an unknown source or article', async () => {
    for (const q of ['source=no-such-source', 'article=no-such-article', `source=world-bank&article=${SEED_ID}`]) {
      const { status, body } = await getJson(app, `/v1/quotations?${q}`);
      expect(status, q).toBe(200);
      expect(body.data, q).toEqual([]);
      expect(body.page.total, q).toBe(0);
    }
  });

  it('shows article and source as objects, not bare ids', async () => {
    const { body } = await getJson(app, `/v1/quotations?article=${SEED_ID}`);
    expect(body.data[0]).toMatchObject({
      id: `${SEED_ID}.q1`,
      article: { id: SEED_ID, headline: 'Anti-terrorism fight', datePublished: '2026-01-10' },
      source: { id: 'international-crisis-group', name: 'International Crisis Group' },
      kind: 'indirect',
      verb: 'notes',
      evidence: { start: 95, end: 223 },
    });
    for (const q of body.data) {
      expect(q.source).toEqual({ id: expect.any(String), name: expect.any(String) });
      expect(q.article).toEqual({ id: SEED_ID, headline: expect.any(String), datePublished: expect.any(String) });
    }
  });

  it('anchors every quotation in its article body', async () => {
    const { body } = await getJson(app, '/v1/quotations?limit=100');
    const bodies = new Map<string, string>();
    for (const q of body.data) {
      if (!bodies.has(q.article.id)) {
        bodies.set(q.article.id, (await getJson(app, `/v1/articles/${q.article.id}?include=body`)).body.body);
      }
      expect(sliceCodePoints(bodies.get(q.article.id)!, q.evidence.start, q.evidence.end), q.id).toBe(q.evidence.exact);
    }
    expect(bodies.size).toBe(DOCS.length);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['from=2026-13-01'],
    ['to=2026-02-3'],
    ['sort=bogus'],
    ['sort=priority'],
    ['kind=paraphrase'],
    ['bogus=1'],
    ['cursor=garbage'],
  ])('400 problem+json for %s', async (query) => {
    await expectProblem(app, `/v1/quotations?${query}`, 400);
  });
});

describe('GET /v1/quotations/{id}', () => {
  it('returns one quotation, the same as in the list', async () => {
    const { body: list } = await getJson(app, `/v1/quotations?article=${INDUS_ID}`);
    const { status, body } = await getJson(app, `/v1/quotations/${INDUS_ID}.q3`);
    expect(status).toBe(200);
    expect(body).toEqual(list.data.find((q: { id: string }) => q.id === `${INDUS_ID}.q3`));
    expect(body).toMatchObject({
      source: { id: 'government-of-india', name: 'Government of India' },
      kind: 'indirect',
      verb: 'says',
      claim: 'The Indus Waters Treaty is in abeyance.',
      evidence: { exact: 'New Delhi now says it is "in abeyance"' },
    });
  });

  it('404 problem+json for an unknown quotation', async () => {
    const problem = await expectProblem(app, `/v1/quotations/${SEED_ID}.q9`, 404);
    expect(problem.detail).toContain(`${SEED_ID}.q9`);
  });

  it('400 problem+json for a malformed id or an unknown query parameter', async () => {
    await expectProblem(app, '/v1/quotations/Not_An_Id', 400);
    await expectProblem(app, `/v1/quotations/${SEED_ID}.q1?bogus=1`, 400);
  });
});

describe('GET /v1/sources', () => {
  it('lists every cited source by name', async () => {
    const { status, body } = await getJson(app, '/v1/sources?limit=100');
    expect(status).toBe(200);
    expect(body.page).toEqual({ limit: 100, nextCursor: null, total: SOURCE_IDS.length });
    expect(new Set(ids(body))).toEqual(new Set(SOURCE_IDS));
    const names = body.data.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort());
  });

  it('shows each source with its type and actor as an object or null', async () => {
    const { body } = await getJson(app, '/v1/sources?limit=100');
    for (const source of body.data) {
      const expected = SOURCES[source.id as keyof typeof SOURCES];
      expect(source.type, source.id).toBe(expected.type);
      expect(source.actor, source.id).toEqual(expected.actor);
    }
  });

  it('filters by type', async () => {
    const { body: people } = await getJson(app, '/v1/sources?type=person');
    expect(ids(people)).toEqual(['lahore-hydrologist']);
    expect(people.page.total).toBe(1);
    const { body: groups } = await getJson(app, '/v1/sources?type=group');
    expect(ids(groups)).toEqual(['different-quarters-within-pakistan']);
    const { body: orgs } = await getJson(app, '/v1/sources?type=organization&limit=100');
    const expectedOrgs = SOURCE_IDS.filter((id) => SOURCES[id as keyof typeof SOURCES].type === 'organization');
    expect(new Set(ids(orgs))).toEqual(new Set(expectedOrgs));
    expect(orgs.page.total).toBe(expectedOrgs.length);
  });

  it('gives an empty list for a type no source has', async () => {
    const { status, body } = await getJson(app, '/v1/sources?type=document');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: 0 } });
  });

  it('gives quotationCounts that agree with /v1/quotations?source=', async () => {
    const { body } = await getJson(app, '/v1/sources?limit=100');
    let total = 0;
    for (const source of body.data) {
      const { body: quotes } = await getJson(app, `/v1/quotations?source=${source.id}&limit=100`);
      expect(source.quotationCount, source.id).toBe(quotes.page.total);
      expect(source.quotationCount, source.id).toBe(EXPECTED.filter((q) => q.source === source.id).length);
      total += source.quotationCount;
    }
    expect(total).toBe(EXPECTED.length);
    expect(body.data.find((s: { id: string }) => s.id === 'institute-0').quotationCount).toBe(2);
  });

  it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['type=bogus'], ['bogus=1'], ['cursor=garbage']])(
    '400 problem+json for %s',
    async (query) => {
      await expectProblem(app, `/v1/sources?${query}`, 400);
    },
  );
});

describe('GET /v1/sources/{sourceId}', () => {
  it('returns a source with its description, actor and quotationCount', async () => {
    const { status, body } = await getJson(app, '/v1/sources/international-crisis-group');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'international-crisis-group',
      name: 'International Crisis Group',
      type: 'organization',
      description: 'Independent organisation that researches and works to prevent deadly conflict.',
      actor: { id: 'international-crisis-group', name: 'International Crisis Group' },
      quotationCount: 1,
    });
  });

  it('returns a source whose actor has another id, and one with no actor', async () => {
    const { body: india } = await getJson(app, '/v1/sources/government-of-india');
    expect(india).toMatchObject({ actor: { id: 'india', name: 'India' }, quotationCount: 1 });
    const { body: hydrologist } = await getJson(app, '/v1/sources/lahore-hydrologist');
    expect(hydrologist).toMatchObject({ type: 'person', actor: null, description: null, quotationCount: 1 });
  });

  it('returns the same source as the list does', async () => {
    const { body: list } = await getJson(app, '/v1/sources?limit=100');
    const { body } = await getJson(app, '/v1/sources/institute-1');
    expect(body).toEqual(list.data.find((s: { id: string }) => s.id === 'institute-1'));
    expect(body.quotationCount).toBe(2);
  });

  it('404 problem+json for an unknown source', async () => {
    const problem = await expectProblem(app, '/v1/sources/no-such-source', 404);
    expect(problem.detail).toContain('no-such-source');
  });

  it('400 problem+json for a malformed id or an unknown query parameter', async () => {
    await expectProblem(app, '/v1/sources/Not_A_Slug', 400);
    await expectProblem(app, '/v1/sources/world-bank?bogus=1', 400);
  });
});
