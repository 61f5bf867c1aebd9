// Standard formats by content negotiation: the Accept header (q-values, wildcards, specificity)
// picks a representation, or a 406 names those offered; each representation has its own bytes,
// ETag and cache entry; text/csv (parsed back by csv-parse), application/ld+json (expanded and
// compacted by the jsonld processor, with no network) and application/anno+json (the W3C Web
// Annotation model's required fields, each selector checked against the body).
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { deriveArticleId } from '../src/ingest/rules.js';
import { checkProblem, getJson, ingest, SEED_ID, testApp, walk } from './helpers/app.js';
import { indusOpEd, syntheticArticle } from './helpers/fixtures.js';
import { localDocumentLoader, requested } from './helpers/json-ld.js';
import { sliceCodePoints } from './helpers/text.js';

const app = await testApp();
const INDUS = indusOpEd();
const INDUS_ID = deriveArticleId(INDUS);
// Text a spreadsheet must get exactly: quotes, commas, a line break, a formula, non-ASCII.
const TRICKY = syntheticArticle(7);
TRICKY.recommendations[0]!.statement = '=HYPERLINK("http://x.test"), then "quotes",\r\nand a second line: Łódź, 北京';
TRICKY.recommendations[0]!.instruments = ['talks, direct', 'a "fund"'];
await ingest(app, INDUS, TRICKY, ...Array.from({ length: 5 }, (_, i) => syntheticArticle(20 + i)));

const ARTICLE = `/v1/articles/${SEED_ID}`;
const get = (url: string, accept?: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { ...(accept !== undefined ? { accept } : {}), ...headers } });
const mediaType = (res: { headers: Record<string, string | string[] | number | undefined> }) => String(res.headers['content-type'] ?? '').split(';')[0];

describe('content negotiation', () => {
  it.each([
    [undefined, '/v1/recommendations', 'application/json'],
    ['*/*', '/v1/recommendations', 'application/json'],
    ['text/csv', '/v1/recommendations', 'text/csv'],
    ['text/*', '/v1/quotations', 'text/csv'],
    ['text/csv;q=0.5, application/json', '/v1/actors', 'application/json'],
    ['application/json;q=0.1, text/csv', '/v1/actors', 'text/csv'],
    ['text/csv, */*', '/v1/actors', 'text/csv'], // both q=1: the one named, not the wildcard
    ['*/*;q=0.1, text/csv;q=0', '/v1/actors', 'application/json'],
    ['application/*', '/v1/actors', 'application/json'],
    ['text/html, application/xhtml+xml, */*;q=0.8', '/v1/actors', 'application/json'], // a browser
    ['garbage/', '/v1/actors', 'application/json'], // no well-formed range: as if absent
    ['application/ld+json', ARTICLE, 'application/ld+json'],
    ['application/anno+json', ARTICLE, 'application/anno+json'],
    ['application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', ARTICLE, 'application/anno+json'],
    ['application/json;q=0, */*', ARTICLE, 'application/ld+json'], // JSON refused: the next the server offers
    ['application/anno+json;q=0.9, application/ld+json;q=0.8', ARTICLE, 'application/anno+json'],
    ['APPLICATION/LD+JSON', ARTICLE, 'application/ld+json'],
    ['application/json', '/v1/sources', 'application/json'],
  ])('Accept %s on %s answers %s, with Vary: Accept', async (accept, url, expected) => {
    const res = await get(url, accept);
    expect(res.statusCode, res.body).toBe(200);
    expect(mediaType(res)).toBe(expected);
    expect(String(res.headers.vary)).toMatch(/\bAccept\b/);
  });

  it.each([
    ['application/xml', '/v1/recommendations', 'application/json, text/csv'],
    ['application/problem+json', '/v1/actors', 'application/json, text/csv'],
    ['text/csv', ARTICLE, 'application/json, application/ld+json, application/anno+json'],
    ['text/csv', '/v1/sources', 'application/json'],
    ['text/csv', '/v1/search?q=border', 'application/json'],
    ['application/json;q=0, text/csv;q=0', '/v1/quotations', 'application/json, text/csv'],
    ['image/*', `/v1/recommendations/${SEED_ID}.r1`, 'application/json'],
  ])('406 problem+json for Accept %s on %s, listing %s', async (accept, url, offered) => {
    const res = await get(url, accept);
    const problem = checkProblem(res, 406);
    expect(problem.detail).toContain(offered);
    expect(problem.detail).toContain(accept);
    expect(problem.errors).toEqual([{ path: '/headers/accept', message: `must allow one of: ${offered}` }]);
    expect(String(res.headers.vary)).toMatch(/\bAccept\b/);
  });

  it('gives each representation its own ETag, 304 only for its own, and keeps them apart in the response cache', async () => {
    const url = '/v1/recommendations?limit=3';
    const json = await get(url);
    const csv = await get(url, 'text/csv');
    expect(json.headers.etag).not.toBe(csv.headers.etag);
    // Served again from the cache: each representation as it was, never the other one's bytes.
    for (let round = 0; round < 2; round++) {
      const again = await get(url, 'text/csv');
      expect(again.body).toBe(csv.body);
      expect(mediaType(again)).toBe('text/csv');
      expect(again.headers.link).toMatch(/^<\/v1\/recommendations\?limit=3&cursor=[\w-]+>; rel="next"$/);
      expect(again.headers.link).toBe(csv.headers.link);
      const jsonAgain = await get(url, 'application/json');
      expect(jsonAgain.body).toBe(json.body);
      expect(mediaType(jsonAgain)).toBe('application/json');
    }
    const csv304 = await get(url, 'text/csv', { 'if-none-match': String(csv.headers.etag) });
    expect(csv304.statusCode).toBe(304);
    expect(csv304.body).toBe('');
    expect(csv304.headers['content-type']).toBeUndefined();
    expect(String(csv304.headers.vary)).toMatch(/\bAccept\b/);
    expect((await get(url, 'application/json', { 'if-none-match': String(csv.headers.etag) })).statusCode).toBe(200);
    expect((await get(url, 'text/csv', { 'if-none-match': String(json.headers.etag) })).statusCode).toBe(200);

    const tags = new Set<string>();
    for (const accept of ['application/json', 'application/ld+json', 'application/anno+json']) {
      const res = await get(ARTICLE, accept);
      tags.add(String(res.headers.etag));
      expect((await get(ARTICLE, accept, { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304);
    }
    expect(tags.size).toBe(3);
  });

  it('answers 406 before looking anything up, and 404 for an unknown article when the Accept is fine', async () => {
    checkProblem(await get('/v1/articles/no-such-article', 'text/csv'), 406);
    checkProblem(await get('/v1/articles/no-such-article', 'application/ld+json'), 404);
    checkProblem(await get('/v1/articles/no-such-article', 'application/anno+json'), 404);
  });
});

/** The CSV text parsed strictly (RFC 4180 quoting, one record per row, no ragged rows). */
function parseCsv(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, skip_empty_lines: false, relax_column_count: false, relax_quotes: false, bom: false });
}

/** Every row of a CSV list, following the Link header to the end; also every page's Link. */
async function csvPages(url: string) {
  const rows: Array<Record<string, string>> = [];
  const links: string[] = [];
  let next: string | undefined = url;
  let header: string | undefined;
  for (let pages = 0; next && pages < 1000; pages++) {
    const res = await get(next, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.body.endsWith('\r\n')).toBe(true);
    header ??= res.body.split('\r\n')[0];
    expect(res.body.split('\r\n')[0]).toBe(header);
    rows.push(...parseCsv(res.body));
    const link = res.headers.link as string | undefined;
    if (link) links.push(link);
    next = link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
  }
  return { rows, links, header: header!.split(',') };
}

describe('text/csv', () => {
  it('serves recommendations with the same filters, paged to the end through Link, as the JSON list', async () => {
    for (const filter of ['', 'strength=should', 'addressee=pakistan&sort=priority', `article=${INDUS_ID}`, 'q=border*']) {
      const url = `/v1/recommendations?limit=3${filter ? `&${filter}` : ''}`;
      const { rows, links } = await csvPages(url);
      const ids = await walk(app, `/v1/recommendations${filter ? `?${filter}` : ''}`, 3);
      expect(rows.map((r) => r.id), filter).toEqual(ids);
      expect(ids.length, filter).toBeGreaterThan(0);
      // Each Link keeps the filters and the page size and only moves the cursor.
      for (const link of links) {
        const next = new URL(link.slice(1, link.indexOf('>')), 'http://x');
        expect(next.pathname).toBe('/v1/recommendations');
        expect(next.searchParams.get('limit')).toBe('3');
        for (const [k, v] of new URLSearchParams(filter)) expect(next.searchParams.get(k)).toBe(v);
      }
      expect(links.length).toBe(Math.ceil(ids.length / 3) - 1);
    }
  });

  it('has the columns a spreadsheet needs, each the JSON value as text', async () => {
    const { rows, header } = await csvPages('/v1/recommendations?limit=100');
    expect(header).toEqual([
      'id', 'date_published', 'article_id', 'article_headline', 'addressee_id', 'addressee', 'strength', 'priority', 'domain',
      'statement', 'instruments', 'partners', 'against', 'evidence', 'evidence_start', 'evidence_end',
    ]);
    const { body } = await getJson(app, '/v1/recommendations?limit=100');
    const plain = (s: string) => s.replace(/^'(?=[=+\-@\t\r])/, '');
    for (const [i, item] of (body.data as any[]).entries()) {
      const row = rows[i]!;
      expect(row).toMatchObject({
        id: item.id,
        date_published: item.article.datePublished,
        article_id: item.article.id,
        article_headline: item.article.headline,
        addressee_id: item.addressee.id,
        addressee: item.addressee.name,
        strength: item.strength,
        priority: String(item.priority),
        domain: item.domain,
        instruments: item.instruments.join('; '),
        partners: item.partners.map((p: { name: string }) => p.name).join('; '),
        against: item.against.join('; '),
        evidence_start: String(item.evidence.start),
        evidence_end: String(item.evidence.end),
      });
      expect(plain(row.statement!)).toBe(item.statement);
      expect(plain(row.evidence!)).toBe(item.evidence.exact);
    }
  });

  it('quotes commas, quotes and line breaks (RFC 4180), keeps UTF-8, and defuses formulas', async () => {
    const res = await get(`/v1/recommendations?article=${TRICKY.id}&sort=priority`, 'text/csv');
    const [row] = parseCsv(res.body);
    expect(row!.statement).toBe(`'${TRICKY.recommendations[0]!.statement}`);
    expect(row!.instruments).toBe('talks, direct; a "fund"');
    expect(res.body).toContain('"\'=HYPERLINK(""http://x.test""), then ""quotes"",\r\nand a second line: Łódź, 北京"');
    expect(Buffer.from(res.rawPayload).toString('utf8')).toBe(res.body);
  });

  it('serves quotations and actors with their filters', async () => {
    const quotations = await csvPages('/v1/quotations?limit=2');
    expect(quotations.header).toEqual([
      'id', 'date_published', 'article_id', 'article_headline', 'source_id', 'source', 'kind', 'verb', 'claim', 'evidence',
      'evidence_start', 'evidence_end',
    ]);
    expect(quotations.rows.map((r) => r.id)).toEqual(await walk(app, '/v1/quotations', 2));
    const seedQuote = quotations.rows.find((r) => r.id === `${SEED_ID}.q1`)!;
    expect(seedQuote).toMatchObject({ source: 'International Crisis Group', kind: 'indirect', verb: 'notes' });
    expect((await csvPages('/v1/quotations?kind=direct')).rows.map((r) => r.id)).toEqual(await walk(app, '/v1/quotations?kind=direct', 20));

    const actors = await csvPages('/v1/actors?limit=4');
    expect(actors.header).toEqual([
      'id', 'name', 'type', 'description', 'aliases', 'article_count', 'recommendation_count', 'created_at', 'updated_at',
    ]);
    expect(actors.rows.map((r) => r.id)).toEqual(await walk(app, '/v1/actors', 4));
    const { body: pakistan } = await getJson(app, '/v1/actors/pakistan');
    expect(actors.rows.find((r) => r.id === 'pakistan')).toEqual({
      id: 'pakistan',
      name: pakistan.name,
      type: pakistan.type,
      description: pakistan.description ?? '',
      aliases: pakistan.aliases.join('; '),
      article_count: String(pakistan.articleCount),
      recommendation_count: String(pakistan.recommendationCount),
      created_at: pakistan.createdAt,
      updated_at: pakistan.updatedAt,
    });
    const states = await csvPages('/v1/actors?type=state');
    expect(states.rows.length).toBeGreaterThan(1);
    expect(states.rows.every((r) => r.type === 'state')).toBe(true);
  });

  it('answers an empty page with the header row alone, and a bad filter with 400 problem+json', async () => {
    const res = await get('/v1/recommendations?addressee=nobody-at-all', 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.body.split('\r\n')[0]).toMatch(/^id,date_published,/);
    expect(parseCsv(res.body)).toEqual([]);
    expect(res.headers.link).toBeUndefined();
    checkProblem(await get('/v1/recommendations?strength=maybe', 'text/csv'), 400);
  });
});

async function full(id: string) {
  return (await getJson(app, `/v1/articles/${id}?include=body,actors,recommendations,quotations`)).body;
}

describe('application/ld+json: a schema.org OpinionNewsArticle', () => {
  it.each([SEED_ID, INDUS_ID])('expands and compacts with the jsonld processor, offline, for %s', async (id) => {
    const article = await full(id);
    const res = await get(`/v1/articles/${id}`, 'application/ld+json');
    const doc = JSON.parse(res.body);
    const base = `http://api.test/v1/articles/${id}`;
    requested.length = 0;
    const expanded = await jsonld.expand(doc, { documentLoader: localDocumentLoader, base });
    expect(requested.every((url) => url === 'https://schema.org/')).toBe(true);
    expect(expanded).toHaveLength(1);
    const node = expanded[0] as Record<string, any>;
    const S = 'http://schema.org/';
    const value = (key: string) => node[S + key]?.[0]?.['@value'];
    expect(node['@type']).toEqual([`${S}OpinionNewsArticle`]);
    expect(node['@id']).toBe(base);
    expect(value('headline')).toBe(article.headline);
    expect(node[`${S}datePublished`]).toEqual([{ '@type': `${S}Date`, '@value': article.datePublished }]);
    expect(value('wordCount')).toBe(article.wordCount);
    expect(value('inLanguage')).toBe(article.language);
    expect(value('text')).toBe(article.body);
    expect(node[`${S}publisher`][0][`${S}name`][0]['@value']).toBe(article.publication.name);
    expect(node[`${S}author`][0][`${S}name`][0]['@value']).toBe(article.author ?? article.publication.name);
    // Every actor is about or mentioned, as a resolvable IRI; every quotation a citation.
    const actorIris = [...(node[`${S}about`] ?? []), ...(node[`${S}mentions`] ?? [])].map((a: any) => a['@id']).sort();
    expect(actorIris).toEqual(article.actors.map((a: { id: string }) => `http://api.test/v1/actors/${a.id}`).sort());
    const subjects = (node[`${S}about`] ?? []).map((a: any) => a['@id']);
    expect(subjects).toEqual(article.actors.filter((a: any) => a.roles.includes('subject')).map((a: any) => `http://api.test/v1/actors/${a.id}`));
    const citations = node[`${S}citation`] ?? [];
    expect(citations.map((c: any) => c[`${S}abstract`][0]['@value'])).toEqual(article.quotations.map((q: any) => q.claim));
    expect(citations.map((c: any) => c[`${S}author`][0][`${S}name`][0]['@value'])).toEqual(article.quotations.map((q: any) => q.source.name));

    const compacted = await jsonld.compact(expanded, 'https://schema.org/' as unknown as jsonld.ContextDefinition, { documentLoader: localDocumentLoader });
    expect(compacted).toMatchObject({ type: 'OpinionNewsArticle', id: base, headline: article.headline, wordCount: article.wordCount, text: article.body });
    // Nothing is lost between the forms.
    expect(await jsonld.expand(compacted, { documentLoader: localDocumentLoader })).toEqual(expanded);
  });

  it('fails loudly rather than fetch a context it does not know', async () => {
    await expect(jsonld.expand({ '@context': 'https://example.org/ctx', a: 1 }, { documentLoader: localDocumentLoader })).rejects.toThrow();
  });
});

const MOTIVATIONS = new Set([
  'assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking',
  'moderating', 'questioning', 'replying', 'tagging',
]);

describe('application/anno+json: a W3C Web Annotation collection', () => {
  it.each([SEED_ID, INDUS_ID, TRICKY.id!])('has the required fields, and every selector names its words in the body, for %s', async (id) => {
    const article = await full(id);
    const res = await get(`/v1/articles/${id}`, 'application/anno+json');
    expect(res.statusCode).toBe(200);
    const collection = JSON.parse(res.body);
    // AnnotationCollection: @context, an IRI, its type; AnnotationPage: an IRI, its type, items.
    expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection).toMatchObject({ id: `/v1/articles/${id}`, type: 'AnnotationCollection', label: expect.any(String) });
    const page = collection.first;
    expect(page).toMatchObject({ id: expect.any(String), type: 'AnnotationPage', startIndex: 0 });
    const items = page.items as any[];
    const mentions = article.actors.reduce((n: number, a: any) => n + a.mentions.length, 0);
    expect(items).toHaveLength(article.recommendations.length + article.quotations.length + mentions);
    expect(collection.total).toBe(items.length);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);

    const codePoints = Array.from(article.body as string);
    for (const annotation of items) {
      // Annotation: an IRI, type Annotation, at least one target; bodies typed; motivations from the vocabulary.
      expect(annotation.id).toMatch(/^\/v1\//);
      expect(annotation.type).toBe('Annotation');
      expect(MOTIVATIONS.has(annotation.motivation)).toBe(true);
      for (const body of annotation.body) {
        expect(['TextualBody', 'SpecificResource']).toContain(body.type);
        if (body.type === 'TextualBody') expect(body.value).toEqual(expect.any(String));
        else expect(body.source).toMatch(/^\/v1\/(actors|sources)\/[a-z0-9-]+$/);
        if (body.purpose !== undefined) expect(MOTIVATIONS.has(body.purpose)).toBe(true);
      }
      expect(annotation.target.source).toBe(`/v1/articles/${id}`);
      const quote = annotation.target.selector.find((s: any) => s.type === 'TextQuoteSelector');
      const position = annotation.target.selector.find((s: any) => s.type === 'TextPositionSelector');
      expect(quote.exact.length).toBeGreaterThan(0);
      expect(position.end).toBeGreaterThan(position.start);
      // The two selectors agree, and each alone finds the words.
      expect(sliceCodePoints(article.body, position.start, position.end)).toBe(quote.exact);
      expect(quote.prefix).toBe(codePoints.slice(Math.max(0, position.start - 32), position.start).join(''));
      expect(quote.suffix).toBe(codePoints.slice(position.end, position.end + 32).join(''));
      expect(article.body).toContain(`${quote.prefix}${quote.exact}${quote.suffix}`);
    }
    // Each recommendation and quotation is the annotation of its own anchor.
    for (const r of article.recommendations) {
      const a = items.find((x) => x.id === `/v1/recommendations/${r.id}`);
      expect(a.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: r.evidence.start, end: r.evidence.end });
      expect(a.body[0].value).toBe(r.statement);
    }
    for (const q of article.quotations) {
      const a = items.find((x) => x.id === `/v1/quotations/${q.id}`);
      expect(a.target.selector[0].exact).toBe(q.evidence.exact);
      expect(a.body).toContainEqual({ type: 'SpecificResource', source: `/v1/sources/${q.source.id}`, purpose: 'linking' });
    }
  });
});
