import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../helpers/text.js';
import { HttpProblem } from '../../src/shared/errors.js';
import { compileQuery } from '../../src/shared/search-query.js';
import { MARK_CLOSE, MARK_OPEN, passageOf } from '../../src/shared/snippet.js';
import { expectProblem, getJson, ids, ingest, SEED_ID, testApp, walk, sqliteOf, SQLITE_ONLY } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';

const app = await testApp();
const INDUS_ID = '2026-02-03-water-is-not-a-weapon';
await ingest(app, indusOpEd(), ...Array.from({ length: 12 }, (_, i) => syntheticArticle(i)));
const key = await app.store.createKey('desk', ['write']);
const auth = { authorization: `Bearer ${key}` };

const search = (q: string, extra = '') => getJson(app, `/v1/search?q=${encodeURIComponent(q)}${extra}`);

describe('the query syntax', () => {
  it('compiles words, phrases, prefixes, OR and exclusions into quoted FTS5 terms', () => {
    expect(compileQuery('border technology').match).toBe('("border" AND "technology")');
    expect(compileQuery('"Crisis Group" notes').match).toBe('("Crisis Group" AND "notes")');
    expect(compileQuery('border* OR crossings').match).toBe('("border"*) OR ("crossings")');
    expect(compileQuery('taliban -afghan -"Kabul regime"').match).toBe('(("taliban") NOT ("afghan" OR "Kabul regime"))');
    expect(compileQuery('foo-bar*').match).toBe('("foo bar"*)');
    // Punctuation inside a chunk joins its words into a phrase, as the tokenizer reads the text.
    expect(compileQuery('Pakistan’s Ünïcode 2026').clauses.flatMap((c) => c.include).map((t) => t.words.join(' '))).toEqual(['Pakistan s', 'Ünïcode', '2026']);
  });

  it('keeps FTS5 operators, columns and punctuation out of the query', () => {
    expect(compileQuery('NEAR(a b) headline:x ^y a AND b').match).toBe(
      '("NEAR a" AND "b" AND "headline x" AND "y" AND "a" AND "AND" AND "b")',
    );
    expect(compileQuery("'; DROP TABLE articles; --").match).toBe('("DROP" AND "TABLE" AND "articles")');
  });

  it('refuses queries it cannot make sense of, saying why', () => {
    const message = (q: string) => {
      try {
        compileQuery(q);
      } catch (err) {
        expect(err).toBeInstanceOf(HttpProblem);
        return (err as HttpProblem).errors![0]!.message;
      }
      throw new Error(`accepted: ${q}`);
    };
    expect(message('"unclosed phrase')).toBe('a quote is not closed');
    expect(message('OR border')).toBe('OR needs a term on each side');
    expect(message('border OR')).toBe('OR needs a term on each side');
    expect(message('a OR OR b')).toBe('OR needs a term on each side');
    expect(message('-afghan')).toBe('an excluded term (-word) needs a term to exclude it from');
    expect(message('*** ... !!!')).toBe('it has no words to search for');
    expect(message(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))).toBe('at most 32 terms');
  });
});

describe('passageOf: the snippet and span of one highlighted text', () => {
  const mark = (w: string) => `\u0001${w}\u0002`;
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');

  it('shows the window with the most distinct terms, cut with ellipses, and spans its first mark', () => {
    const text = `${mark('border')} ${words(0, 40)} ${mark('border')} control and ${mark('technology')} ${words(40, 80)}.`;
    const passage = passageOf(text, 10)!;
    expect(passage.snippet).toBe('…w37 w38 w39 <mark>border</mark> control and <mark>technology</mark> w40 w41 w42…');
    const plain = text.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
    expect(plain.slice(passage.span.start, passage.span.end)).toBe('border');
    expect(passage.span.start).toBeGreaterThan(10);
  });

  it('keeps the whole text when it fits, escapes HTML, and answers null without a mark', () => {
    expect(passageOf(`A <b> & "${mark('quote')}".`)).toEqual({ snippet: 'A &lt;b&gt; &amp; &quot;<mark>quote</mark>&quot;.', span: { start: 9, end: 14 } });
    expect(passageOf('nothing marked')).toBeNull();
  });

  it('adds a fragment for a matched term that stands far from the others, in text order', () => {
    const text = `${words(0, 3)} ${mark('treaty')} ${words(3, 60)} ${mark('monsoon')} ${words(60, 90)}`;
    const passage = passageOf(text, 6)!;
    expect(passage.snippet).toBe('…w1 w2 <mark>treaty</mark> w3 w4 w5… …w58 w59 <mark>monsoon</mark> w60 w61 w62…');
    expect(passage.span).toEqual({ start: 9, end: 15 });
  });

  it('shows a matched phrase longer than the window whole', () => {
    const passage = passageOf(`${words(0, 5)} ${mark(words(5, 20))} ${words(20, 30)}`, 8)!;
    expect(passage.snippet).toBe(`…<mark>${words(5, 20)}</mark>…`);
  });
});

describe('GET /v1/search', () => {
  it('finds articles, recommendations and quotations, best first, with snippets and spans', async () => {
    const { status, body } = await search('border technology');
    expect(status).toBe(200);
    const types = new Set(body.data.map((h: { type: string }) => h.type));
    expect(types).toEqual(new Set(['article', 'recommendation']));
    const scores = body.data.map((h: { score: number }) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const rec = body.data.find((h: { type: string }) => h.type === 'recommendation');
    expect(rec).toMatchObject({
      id: `${SEED_ID}.r6`,
      article: { id: SEED_ID, headline: 'Anti-terrorism fight', datePublished: '2026-01-10' },
      title: 'Improve border controls through technology, intelligence-sharing and regulated crossings.',
      span: { start: 2285, end: 2291 },
    });
    expect(rec.snippet).toContain('<mark>Border</mark> controls should improve through <mark>technology</mark>');
    expect(body.page.total).toBe(body.data.length);
  });

  it('points each span at matching words in the article body', async () => {
    const { body } = await search('Pakistan OR India OR water');
    expect(body.data.length).toBeGreaterThan(5);
    const bodies = new Map<string, string>();
    for (const hit of body.data) {
      if (!bodies.has(hit.article.id)) {
        bodies.set(hit.article.id, (await getJson(app, `/v1/articles/${hit.article.id}?include=body`)).body.body);
      }
      expect(hit.span, hit.id).not.toBeNull();
      const words = sliceCodePoints(bodies.get(hit.article.id)!, hit.span.start, hit.span.end).toLowerCase();
      if (hit.type === 'article') expect(['pakistan', 'india', 'water']).toContain(words);
    }
  });

  it('points the span at a word the snippet marks, inside the passage the snippet shows', async () => {
    const { body } = await search('border technology', '&type=article');
    const hit = body.data.find((h: { id: string }) => h.id === SEED_ID);
    const text = (await getJson(app, `/v1/articles/${SEED_ID}?include=body`)).body.body as string;
    expect(hit.snippet).toContain('<mark>technology</mark>');
    const marked = [...hit.snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    const passage = hit.snippet.replace(/<\/?mark>/g, '').replace(/^…|…$/g, '');
    const at = Array.from(text.slice(0, text.indexOf(passage))).length;
    expect(text.indexOf(passage), passage).toBeGreaterThan(-1);
    expect(sliceCodePoints(text, hit.span.start, hit.span.end)).toBe(marked[0]);
    expect(hit.span.start).toBeGreaterThanOrEqual(at);
    expect(hit.span.end).toBeLessThanOrEqual(at + Array.from(passage).length);
    expect(hit.span.start).toBeGreaterThan(2000); // "Border controls should improve through technology", not "our western border"
  });

  it('counts span offsets in code points when the body holds astral characters', async () => {
    const doc = syntheticArticle(60);
    doc.body = `𝐀𝐁𝐂 🇵🇰 🙂 ${doc.body} A quokka 𝐗 then the zebracorn 🙂 question.`;
    doc.recommendations[1]!.evidence = { exact: '𝐗 then the zebracorn 🙂 question' };
    await ingest(app, doc);
    const text = (await getJson(app, `/v1/articles/${doc.id}?include=body`)).body.body as string;
    const { body } = await search('zebracorn');
    expect(body.data.map((h: { type: string }) => h.type).sort()).toEqual(['article', 'recommendation']);
    for (const hit of body.data) {
      expect(sliceCodePoints(text, hit.span.start, hit.span.end), hit.id).toBe('zebracorn');
      expect(hit.snippet, hit.id).toContain('<mark>zebracorn</mark>');
    }
  });

  it('matches phrases, prefixes and exclusions', async () => {
    const phrase = await search('"International Crisis Group"');
    expect(phrase.body.data.map((h: { id: string }) => h.id).sort()).toEqual([SEED_ID, `${SEED_ID}.q1`].sort());
    const prefix = await search('arbitrat*', '&type=recommendation');
    expect(ids(prefix.body)).toEqual([`${INDUS_ID}.r1`]);
    const excluded = await search('treaty -monsoon', '&type=article');
    expect(ids(excluded.body)).toEqual([]);
    const kept = await search('treaty -taliban', '&type=article');
    expect(ids(kept.body)).toEqual([INDUS_ID]);
  });

  it('ignores case and diacritics', async () => {
    expect(ids((await search('PAKISTAN', '&type=article')).body)).toContain(SEED_ID);
    expect(ids((await search('kabul', '&type=article')).body)).toEqual([SEED_ID]);
    expect(ids((await search('Kâbul', '&type=article')).body)).toEqual([SEED_ID]);
  });

  it('HTML-escapes snippets around the <mark> elements', async () => {
    const { body } = await search('abeyance', '&type=article');
    expect(body.data[0].snippet).toContain('&quot;in <mark>abeyance</mark>&quot;');
    expect(body.data[0].snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('filters by type', async () => {
    for (const type of ['article', 'recommendation', 'quotation']) {
      const { body } = await search('Pakistan OR China OR India', `&type=${type}`);
      expect(body.data.length, type).toBeGreaterThan(0);
      expect(body.data.every((h: { type: string }) => h.type === type), type).toBe(true);
    }
  });

  it('pages through every hit once with a cursor', async () => {
    const all = (await search('Pakistan OR China OR India OR Iran', '&limit=100')).body;
    expect(all.page.total).toBe(all.data.length);
    expect(all.data.length).toBeGreaterThan(20);
    const walked = await walk(app, `/v1/search?q=${encodeURIComponent('Pakistan OR China OR India OR Iran')}`, 7);
    expect(walked).toEqual(ids(all));
  });

  it('answers 400 problem+json for a malformed query, a bad cursor or a missing q, never 5xx', async () => {
    await expectProblem(app, '/v1/search?q=%22open', 400);
    await expectProblem(app, '/v1/search', 400);
    await expectProblem(app, '/v1/search?q=', 400);
    await expectProblem(app, '/v1/search?q=a&cursor=bm9wZQ', 400);
    await expectProblem(app, `/v1/search?q=${'a'.repeat(501)}`, 400);
    await expectProblem(app, '/v1/search?q=a&type=actor', 400);
    const nasty = [
      'NEAR(border technology, 2)', 'headline:border', 'body : x', '^border', '"', '""', '" "', '(', ')', 'a) OR (b',
      '*', 'border**', '-', '--', 'a -', 'OR', 'AND', 'NOT', 'a NOT b', '\u0000', '🇵🇰', '𝐄𝐧𝐝', "'; DROP TABLE articles;--",
      '%', '\\', 'a"b', 'col:"x"', '{a b}', '[x]', 'a+b', 'a|b', 'ü', '日本語', 'مرحبا',
    ];
    for (const q of nasty) {
      const res = await app.inject(`/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBeLessThan(500);
      if (res.statusCode !== 200) expect(res.headers['content-type'], q).toMatch(/problem\+json/);
      for (const list of ['/v1/articles', '/v1/recommendations', '/v1/quotations', '/v1/actors']) {
        const filtered = await app.inject(`${list}?q=${encodeURIComponent(q)}`);
        expect(filtered.statusCode, `${list} ${q}`).toBeLessThan(500);
      }
    }
  });
});

describe('the q filter on lists', () => {
  it('filters articles, recommendations, quotations and actors with the same syntax, alongside other filters', async () => {
    expect(ids((await getJson(app, '/v1/articles?q=monsoon')).body)).toEqual([INDUS_ID]);
    expect(ids((await getJson(app, '/v1/articles?q=monsoon&publication=dawn')).body)).toEqual([]);
    expect(ids((await getJson(app, '/v1/recommendations?q=flood&addressee=india')).body)).toEqual([`${INDUS_ID}.r2`]);
    expect(ids((await getJson(app, '/v1/recommendations?q=flood&addressee=pakistan')).body)).toEqual([]);
    expect(ids((await getJson(app, '/v1/quotations?q="treaty is only"')).body)).toEqual([`${INDUS_ID}.q2`]);
    expect(ids((await getJson(app, '/v1/actors?q=islamabad')).body)).toEqual(['pakistan']);
    expect(ids((await getJson(app, '/v1/actors?q=crisis&type=organization')).body)).toEqual(['international-crisis-group']);
    expect((await getJson(app, '/v1/articles?q=monsoon')).body.page.total).toBe(1);
  });
});

// Each term reaches FTS5 as a quoted string: a word that is an FTS5 keyword is a word, and the
// words a token's punctuation joins ("border-controls", "headline:border") are one phrase, not a
// column filter or separate words. Unquoted, the first would be FTS5 syntax errors, the second
// a column filter or an AND of words anywhere.
describe('query words that FTS5 would read as syntax', () => {
  it.skipIf(SQLITE_ONLY)('are searched as words, through /v1/search and a list q', async () => {
    for (const keyword of ['AND', 'NOT', 'AND NOT']) {
      const found = await getJson(app, `/v1/search?q=${encodeURIComponent(keyword)}&type=article`);
      expect(found.status, keyword).toBe(200);
      expect(ids(found.body), keyword).toContain(SEED_ID);
      const listed = await getJson(app, `/v1/articles?q=${encodeURIComponent(keyword)}`);
      expect(listed.status, keyword).toBe(200);
      expect(ids(listed.body), keyword).toContain(SEED_ID);
    }
    // Adjacent in this order in the seed ("Border controls should improve"): found as a phrase.
    for (const q of ['border-controls', 'border:controls', 'border^controls']) {
      expect(ids((await getJson(app, `/v1/search?q=${encodeURIComponent(q)}&type=article`)).body), q).toEqual([SEED_ID]);
    }
    // Both words are in the seed, but never as this phrase: nothing, where `controls border`
    // (two words anywhere) finds it.
    expect(ids((await getJson(app, '/v1/search?q=controls%20border&type=article')).body)).toEqual([SEED_ID]);
    for (const q of ['controls-border', 'headline:border']) {
      expect(ids((await getJson(app, `/v1/search?q=${encodeURIComponent(q)}&type=article`)).body), q).toEqual([]);
      expect(ids((await getJson(app, `/v1/articles?q=${encodeURIComponent(q)}`)).body), q).toEqual([]);
    }
  });
});

describe('the index follows every write', () => {
  it('finds a new article, forgets replaced words, and drops a deleted article', async () => {
    const doc = syntheticArticle(50);
    doc.body = `${doc.body} The zeppelin question deserves an answer.`;
    const created = await app.inject({ method: 'POST', url: '/v1/articles', payload: doc, headers: auth });
    expect(created.statusCode).toBe(201);
    expect(ids((await search('zeppelin')).body)).toEqual([doc.id]);

    const corrected = { ...doc, body: doc.body.replace('zeppelin', 'dirigible') };
    const replaced = await app.inject({ method: 'PUT', url: `/v1/articles/${doc.id}`, payload: corrected, headers: auth });
    expect(replaced.statusCode).toBe(200);
    expect(ids((await search('zeppelin')).body)).toEqual([]);
    expect(ids((await search('dirigible')).body)).toEqual([doc.id]);
    expect((await search('"open talks"', '&type=recommendation')).body.data.map((h: { id: string }) => h.id)).toContain(`${doc.id}.r1`);

    const deleted = await app.inject({ method: 'DELETE', url: `/v1/articles/${doc.id}`, headers: auth });
    expect(deleted.statusCode).toBe(204);
    expect(ids((await search('dirigible')).body)).toEqual([]);
    expect((await search('"open talks"', '&type=recommendation')).body.data.map((h: { id: string }) => h.id)).not.toContain(
      `${doc.id}.r1`,
    );
    if (!SQLITE_ONLY) {
      const integrity = sqliteOf(app).prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)");
      expect(() => integrity.run()).not.toThrow();
    }
  });

  it('reindexes an actor whose name or aliases change', async () => {
    const doc = syntheticArticle(51);
    doc.actors[0] = { ...doc.actors[0]!, aliases: ['Zanzibar Alias'] };
    expect((await app.inject({ method: 'POST', url: '/v1/articles', payload: doc, headers: auth })).statusCode).toBe(201);
    expect(ids((await getJson(app, '/v1/actors?q=zanzibar')).body)).toEqual([doc.actors[0].id]);
    for (const table of SQLITE_ONLY ? [] : ['articles_fts', 'recommendations_fts', 'quotations_fts', 'actors_fts']) {
      expect(() => sqliteOf(app).prepare(`INSERT INTO ${table}(${table}, rank) VALUES('integrity-check', 1)`).run(), table).not.toThrow();
    }
  });
});
