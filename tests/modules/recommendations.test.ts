// GET /v1/recommendations and /v1/recommendations/{id}.
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
const SYNTHETIC = [0, 1, 2, 3, 4, 5, 6, 7].map(syntheticArticle);
await ingest(app, indusOpEd(), ...SYNTHETIC);

/** Every recommendation as the documents state it, with the id the API gives it (`{article}.r{n}`). */
interface Expected {
  id: string;
  article: string;
  date: string;
  addressee: string;
  partners: string[];
  domain: string;
  strength: string;
  priority: number;
}
const EXPECTED: Expected[] = (
  [
    [SEED_ID, SEED],
    [INDUS_ID, indusOpEd()],
    ...SYNTHETIC.map((d) => [d.id!, d] as const),
  ] as Array<readonly [string, IngestDocument]>
).flatMap(([articleId, doc]) =>
  doc.recommendations.map((r, i) => ({
    id: `${articleId}.r${i + 1}`,
    article: articleId,
    date: doc.datePublished,
    addressee: r.addressee,
    partners: r.partners ?? [],
    domain: r.domain,
    strength: r.strength,
    priority: r.priority,
  })),
);

/** The filtered list holds exactly the recommendations `keep` selects, which must be some but not all. */
async function expectFilter(query: string, keep: (r: Expected) => boolean) {
  const expected = EXPECTED.filter(keep).map((r) => r.id);
  expect(expected.length, `${query}: a filter test needs rows to include`).toBeGreaterThan(0);
  expect(expected.length, `${query}: a filter test needs rows to exclude`).toBeLessThan(EXPECTED.length);
  const { status, body } = await getJson(app, `/v1/recommendations?${query}&limit=100`);
  expect(status, query).toBe(200);
  expect(new Set(ids(body))).toEqual(new Set(expected));
  expect(body.page.total).toBe(expected.length);
  return body;
}

describe('GET /v1/recommendations', () => {
  it('lists every recommendation with the list envelope', async () => {
    const { status, body } = await getJson(app, '/v1/recommendations?limit=100');
    expect(status).toBe(200);
    expect(EXPECTED).toHaveLength(8 + 4 + 2 * SYNTHETIC.length);
    expect(body.page).toEqual({ limit: 100, nextCursor: null, total: EXPECTED.length });
    expect(new Set(ids(body))).toEqual(new Set(EXPECTED.map((r) => r.id)));
  });

  it('orders newest articles first, then by priority, by default and with sort=-datePublished', async () => {
    const { body: byDefault } = await getJson(app, '/v1/recommendations?limit=100');
    const { body } = await getJson(app, '/v1/recommendations?sort=-datePublished&limit=100');
    expect(ids(body)).toEqual(ids(byDefault));
    const keys = body.data.map((r: { article: { datePublished: string }; priority: number }) => [r.article.datePublished, r.priority]);
    for (let i = 1; i < keys.length; i++) {
      const [prevDate, prevPriority] = keys[i - 1]!;
      const [date, priority] = keys[i]!;
      expect(date <= prevDate).toBe(true);
      if (date === prevDate) expect(priority).toBeGreaterThan(prevPriority);
    }
    expect(body.data[0].article.id).toBe(INDUS_ID);
    expect(body.data.slice(4, 12).map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('orders oldest articles first, then by priority, with sort=datePublished', async () => {
    const { status, body } = await getJson(app, '/v1/recommendations?sort=datePublished&limit=100');
    expect(status).toBe(200);
    expect(ids(body).slice(0, 4)).toEqual([
      `${SYNTHETIC[0]!.id}.r1`,
      `${SYNTHETIC[0]!.id}.r2`,
      `${SYNTHETIC[1]!.id}.r1`,
      `${SYNTHETIC[1]!.id}.r2`,
    ]);
    const dates = body.data.map((r: { article: { datePublished: string } }) => r.article.datePublished);
    expect(dates).toEqual([...dates].sort());
    expect(body.data.at(-1).article.id).toBe(INDUS_ID);
  });

  it('orders by priority across articles, newest first within a priority, with sort=priority', async () => {
    const { status, body } = await getJson(app, '/v1/recommendations?sort=priority&limit=100');
    expect(status).toBe(200);
    expect(body.page.total).toBe(EXPECTED.length);
    const keys = body.data.map((r: { article: { datePublished: string }; priority: number }) => [r.priority, r.article.datePublished]);
    for (let i = 1; i < keys.length; i++) {
      const [prevPriority, prevDate] = keys[i - 1]!;
      const [priority, date] = keys[i]!;
      expect(priority).toBeGreaterThanOrEqual(prevPriority);
      if (priority === prevPriority) expect(date <= prevDate).toBe(true);
    }
    // priority 1: the op-ed, the seed, then synthetic 7..0
    expect(ids(body).slice(0, 2)).toEqual([`${INDUS_ID}.r1`, `${SEED_ID}.r7`]);
    expect(body.data.at(-1).id).toBe(`${SEED_ID}.r2`); // the seed's priority 8
  });

  it('filters by addressee', async () => {
    const body = await expectFilter('addressee=india', (r) => r.addressee === 'india');
    expect(body.data.every((r: { addressee: unknown }) => JSON.stringify(r.addressee) === '{"id":"india","name":"India"}')).toBe(
      true,
    );
    await expectFilter('addressee=pakistan', (r) => r.addressee === 'pakistan');
  });

  it('filters recommendations by partner', async () => {
    const body = await expectFilter('partner=china', (r) => r.partners.includes('china'));
    expect(ids(body)).toContain(`${SEED_ID}.r5`);
    for (const r of body.data) expect(r.partners).toContainEqual({ id: 'china', name: 'China' });
    await expectFilter('partner=permanent-court-of-arbitration', (r) => r.partners.includes('permanent-court-of-arbitration'));
    await expectFilter('partner=pakistani-stakeholders', (r) => r.partners.includes('pakistani-stakeholders'));
  });

  it('filters by article', async () => {
    await expectFilter(`article=${SEED_ID}`, (r) => r.article === SEED_ID);
    await expectFilter(`article=${INDUS_ID}`, (r) => r.article === INDUS_ID);
  });

  it('filters by domain', async () => {
    const body = await expectFilter('domain=border-security', (r) => r.domain === 'border-security');
    const border = body.data.find((r: { evidence: { start: number } }) => r.evidence.start === 2285);
    expect(border).toBeDefined();
    expect(border.article.id).toBe(SEED_ID);
    expect(border.evidence.exact.startsWith('Border controls should improve through technology')).toBe(true);
    expect(border).toMatchObject({ priority: 6, strength: 'should', against: ['ad hoc closures that damage livelihoods'] });
    await expectFilter('domain=water-diplomacy', (r) => r.domain === 'water-diplomacy');
  });

  it('filters by strength', async () => {
    for (const strength of ['must', 'should', 'could']) {
      const body = await expectFilter(`strength=${strength}`, (r) => r.strength === strength);
      expect(body.data.every((r: { strength: string }) => r.strength === strength)).toBe(true);
    }
  });

  it('filters by date range, inclusive at both ends', async () => {
    await expectFilter('from=2025-01-03&to=2025-01-05', (r) => r.date >= '2025-01-03' && r.date <= '2025-01-05');
    await expectFilter('from=2026-01-10', (r) => r.date >= '2026-01-10');
    await expectFilter('to=2026-01-10', (r) => r.date <= '2026-01-10');
  });

  it('combines filters with AND', async () => {
    await expectFilter('addressee=pakistan&domain=diplomacy&strength=must', (r) =>
      r.addressee === 'pakistan' && r.domain === 'diplomacy' && r.strength === 'must',
    );
    await expectFilter('partner=china&from=2026-01-01', (r) => r.partners.includes('china') && r.date >= '2026-01-01');
  });

  it('gives an empty list, not an error, for from later than to', async () => {
    const { status, body } = await getJson(app, '/v1/recommendations?from=2026-02-01&to=2025-01-01');
    expect(status).toBe(200);
    expect(body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: 0 } });
  });

  it('gives an empty list for unknown addressee, partner, article or domain', async () => {
    for (const q of ['addressee=no-such-actor', 'partner=no-such-actor', 'article=no-such-article', 'domain=no-such-domain']) {
      const { status, body } = await getJson(app, `/v1/recommendations?${q}`);
      expect(status, q).toBe(200);
      expect(body.data, q).toEqual([]);
      expect(body.page.total, q).toBe(0);
    }
  });

  it('shows article, addressee and partners as objects, not bare ids', async () => {
    const { body } = await getJson(app, `/v1/recommendations?article=${SEED_ID}`);
    const r5 = body.data.find((r: { id: string }) => r.id === `${SEED_ID}.r5`);
    expect(r5.article).toEqual({ id: SEED_ID, headline: 'Anti-terrorism fight', datePublished: '2026-01-10' });
    expect(r5.addressee).toEqual({ id: 'pakistan', name: 'Pakistan' });
    expect(r5.partners).toEqual([
      { id: 'china', name: 'China' },
      { id: 'gulf-states', name: 'Gulf states' },
      { id: 'central-asian-states', name: 'Central Asian states' },
    ]);
    for (const r of body.data) {
      expect(typeof r.addressee).toBe('object');
      for (const p of r.partners) expect(p).toEqual({ id: expect.any(String), name: expect.any(String) });
    }
  });

  it('anchors every recommendation in its article body', async () => {
    const { body } = await getJson(app, '/v1/recommendations?limit=100');
    const bodies = new Map<string, string>();
    for (const r of body.data) {
      if (!bodies.has(r.article.id)) {
        bodies.set(r.article.id, (await getJson(app, `/v1/articles/${r.article.id}?include=body`)).body.body);
      }
      expect(sliceCodePoints(bodies.get(r.article.id)!, r.evidence.start, r.evidence.end), r.id).toBe(r.evidence.exact);
    }
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['from=2026-13-01'],
    ['to=2026-1-1'],
    ['sort=bogus'],
    ['sort=headline'],
    ['strength=might'],
    ['bogus=1'],
    ['cursor=garbage'],
  ])('400 problem+json for %s', async (query) => {
    await expectProblem(app, `/v1/recommendations?${query}`, 400);
  });
});

describe('GET /v1/recommendations/{id}', () => {
  it('returns one recommendation, the same as in the list', async () => {
    const { body: list } = await getJson(app, `/v1/recommendations?article=${SEED_ID}`);
    const { status, body } = await getJson(app, `/v1/recommendations/${SEED_ID}.r6`);
    expect(status).toBe(200);
    expect(body).toEqual(list.data.find((r: { id: string }) => r.id === `${SEED_ID}.r6`));
    expect(body).toMatchObject({
      id: `${SEED_ID}.r6`,
      article: { id: SEED_ID, headline: 'Anti-terrorism fight', datePublished: '2026-01-10' },
      addressee: { id: 'pakistan', name: 'Pakistan' },
      strength: 'should',
      priority: 6,
      domain: 'border-security',
      instruments: ['technology', 'intelligence-sharing', 'regulated crossings'],
      partners: [],
      evidence: { start: 2285 },
    });
  });

  it('returns a recommendation of another article with its partners', async () => {
    const { status, body } = await getJson(app, `/v1/recommendations/${INDUS_ID}.r1`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      addressee: { id: 'pakistan', name: 'Pakistan' },
      strength: 'must',
      domain: 'water-diplomacy',
      partners: [{ id: 'permanent-court-of-arbitration', name: 'Permanent Court of Arbitration' }],
      evidence: { exact: 'Islamabad must take the dispute to the Permanent Court of Arbitration' },
    });
  });

  it('404 problem+json for an unknown recommendation', async () => {
    const problem = await expectProblem(app, `/v1/recommendations/${SEED_ID}.r99`, 404);
    expect(problem.detail).toContain(`${SEED_ID}.r99`);
    await expectProblem(app, '/v1/recommendations/no-such-recommendation', 404);
  });

  it('400 problem+json for a malformed id', async () => {
    await expectProblem(app, '/v1/recommendations/Not_An_Id', 400);
  });

  it('400 problem+json for an unknown query parameter', async () => {
    await expectProblem(app, `/v1/recommendations/${SEED_ID}.r1?bogus=1`, 400);
  });
});

describe("GET /v1/articles/{articleId}/recommendations", () => {
  it('returns the 8 seed recommendations ordered by priority 1..8', async () => {
    const { status, body } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations`);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(8);
    expect(body.data.map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(body.data[0].domain).toBe('internal-security');
    expect(body.data[0].evidence.exact.startsWith('Most importantly')).toBe(true);
  });

  it('keeps the article order under the other sorts', async () => {
    const { body } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations?sort=priority`);
    expect(body.data.map((r: { priority: number }) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const { body: partner } = await getJson(app, `/v1/articles/${SEED_ID}/recommendations?partner=china`);
    expect(ids(partner)).toEqual([`${SEED_ID}.r5`]);
  });
});
