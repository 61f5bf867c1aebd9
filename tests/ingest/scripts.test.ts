// Articles in any script: readable, distinct ids derived from non-Latin headlines, and search
// snippets that show the matched term wherever it stands in a long non-Latin body.
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../helpers/text.js';
import { Slug } from '../../src/schemas/common.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { getJson, testApp } from '../helpers/app.js';

const app = await testApp();
const key = await app.store.createKey('desk', ['write']);

const URDU_SENTENCE = 'پاکستان اور افغانستان کے درمیان سرحد پر امن کی ضرورت ہے اور حکومت کو عوام کی بات سننی چاہیے۔ ';

function article(headline: string, language: string, body: string): IngestDocument {
  return {
    headline,
    kind: 'editorial',
    publication: { id: 'daily-jang', name: 'Daily Jang' },
    author: null,
    datePublished: '2026-02-01',
    language,
    url: null,
    topics: [],
    body,
    actors: [],
    recommendations: [],
    quotations: [],
  };
}

const post = (doc: IngestDocument) =>
  app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${key}` }, payload: doc });

describe('ids derived from non-Latin headlines', () => {
  const pairs: Array<[string, string, string]> = [
    ['ur', 'سرحد اور حکمت عملی', 'تجارت اور امن'],
    ['ar', 'الحدود والاستراتيجية', 'التجارة والسلام'],
    ['hi', 'सीमा और रणनीति', 'व्यापार और शांति'],
    ['zh', '边境与战略', '贸易与和平'],
  ];

  it('gives two headlines of one day two readable ids, and one headline always the same id', async () => {
    const seen = new Set<string>();
    for (const [language, first, second] of pairs) {
      for (const headline of [first, second]) {
        const res = await post(article(headline, language, `${headline}. ${URDU_SENTENCE}`));
        expect(res.statusCode, `${language} ${headline}: ${res.body}`).toBe(201);
        const { id } = JSON.parse(res.body);
        expect(id, headline).toMatch(new RegExp(Slug.pattern!));
        expect(id, headline).toMatch(/^2026-02-01-h[0-9a-f]{8}$/);
        expect(seen.has(id), `${headline} -> ${id}`).toBe(false);
        seen.add(id);
        expect(res.headers.location).toBe(`/v1/articles/${id}`);
        expect((await getJson(app, `/v1/articles/${id}`)).body.headline).toBe(headline);
      }
      // The same headline the same day derives the same id: the second POST is a conflict.
      expect((await post(article(first, language, `${first}. ${URDU_SENTENCE}`))).statusCode, first).toBe(409);
    }
  });

  it('keeps the ASCII words of a mixed headline and spells letters that have an ASCII form', async () => {
    const mixed = JSON.parse((await post(article('Pakistan اور India', 'ur', URDU_SENTENCE))).body).id;
    expect(mixed).toMatch(/^2026-02-01-pakistan-india-h[0-9a-f]{8}$/);
    const latin = JSON.parse((await post(article('Grüße aus Straßburg: Æsir Ørsted Łódź', 'de', 'Grüße.'))).body).id;
    expect(latin).toBe('2026-02-01-grusse-aus-strassburg-aesir-orsted-lodz');
  });
});

describe('search in a long non-Latin body', () => {
  it('shows the matched term marked in the snippet, and the span on it, when it stands near the end', async () => {
    let body = '';
    while (body.length < 3000) body += URDU_SENTENCE;
    body += 'آخر میں دونوں ملکوں کو تجارت بحال کرنی چاہیے۔';
    const res = await post({ ...article('سرحد پر امن', 'ur', body), id: '2026-02-01-urdu-trade' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = JSON.parse(res.body);
    const { body: found } = await getJson(app, `/v1/search?q=${encodeURIComponent('تجارت')}&type=article`);
    const hit = found.data.find((h: { id: string }) => h.id === id);
    expect(hit.snippet).toContain('<mark>تجارت</mark>');
    expect(sliceCodePoints(body, hit.span.start, hit.span.end)).toBe('تجارت');
    expect(hit.span.start).toBeGreaterThan(3000);
  });

  it('shows every matched term, the one found only late in the body included, even when the headline matches', async () => {
    const filler = 'پاکستان اور افغانستان کے درمیان امن کی ضرورت ہے اور حکومت کو عوام کی بات سننی چاہیے۔ ';
    let body = 'سرحد پر کشیدگی ہے۔ ';
    while (body.length < 3000) body += filler;
    body += 'آخر میں دونوں ملکوں کو تجارت بحال کرنی چاہیے۔';
    const res = await post({ ...article('سرحد اور حکمت عملی', 'ur', body), id: '2026-02-01-urdu-border-trade' });
    expect(res.statusCode, res.body).toBe(201);
    const { body: found } = await getJson(app, `/v1/search?q=${encodeURIComponent('سرحد تجارت')}&type=article`);
    const hit = found.data.find((h: { id: string }) => h.id === '2026-02-01-urdu-border-trade');
    expect(hit.snippet).toContain('<mark>سرحد</mark>');
    expect(hit.snippet).toContain('<mark>تجارت</mark>');
    expect(sliceCodePoints(body, hit.span.start, hit.span.end)).toBe('سرحد'); // the snippet's first mark
    expect(hit.span.start).toBe(0);
  });
});
