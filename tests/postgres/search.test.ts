// Full-text search on PostgreSQL (migrations/postgres/0001_search.sql): the generated, weighted
// `search` columns match accent-insensitively, rank a title hit above a body hit, and
// compileTsQuery's queries mean what the FTS5 ones do.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresConnection } from '../../db/client.postgres.js';
import * as schema from '../../db/schema.postgres.js';
import { compileQuery } from '../../src/shared/search-query.js';
import { MARK_CLOSE, MARK_OPEN } from '../../src/shared/snippet.js';
import {
  compileTsQuery,
  HEADLINE_CONFIG,
  HIGHLIGHT_ALL,
  highlightTsQuery,
  RANK_WEIGHTS,
  type TsClause,
} from '../../src/store/postgres/search-query.js';
import { createTestDatabase, SKIP_MESSAGE, TEST_DATABASE_URL, type TestDatabase } from '../helpers/postgres.js';
import { CASES } from './search-cases.js';

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

const NOW = '2026-01-10T00:00:00.000Z';
const article = (id: string, headline: string, body: string) => ({
  id,
  headline,
  body,
  kind: 'editorial' as const,
  publicationId: 'pub',
  author: null,
  datePublished: '2026-01-10',
  language: 'fr',
  url: null,
  wordCount: body.split(/\s+/).length,
  contentHash: id,
  createdAt: NOW,
  updatedAt: NOW,
});

const clause = (...words: string[]): TsClause[] => [{ include: words.map((w) => ({ words: w.split(' '), prefix: false })), exclude: [] }];

describe.skipIf(!TEST_DATABASE_URL)('search columns on PostgreSQL', { timeout: 30_000 }, () => {
  let database: TestDatabase;
  let conn: PostgresConnection;

  beforeAll(async () => {
    database = await createTestDatabase();
    conn = openPostgres(database.url, { max: 2 });
    const { db } = conn;
    await db.insert(schema.publications).values({ id: 'pub', name: 'Le Journal', url: null });
    await db.insert(schema.articles).values([
      article('in-headline', 'Le café du commerce', 'Rien à voir avec la suite, vraiment rien.'),
      article('in-body', 'Une autre histoire', 'On en parle au cafe du coin, puis on rentre.'),
      article('unrelated', 'Thé vert', 'Crème brûlée et café-crème au lait.'),
      article('punctuated', 'Sur example.com', 'Écrire à jean@exemple.fr : 3.5 % de v1.2, voir /srv/data_files.'),
    ]);
    await db.insert(schema.actors).values({
      id: 'zoe',
      name: 'Zoë Müller',
      type: 'person',
      description: 'Maire de la commune',
      aliases: ['Señora „Z“', 'ZM'],
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  /** Ids of `table` rows whose search column matches, best ts_rank first. */
  async function ranked(table: 'articles' | 'actors', query: SQL, weights: string = RANK_WEIGHTS.article) {
    const { rows } = await conn.db.execute<{ id: string; score: number }>(
      sql`SELECT id, ts_rank(${sql.raw(`'${weights}'`)}::float4[], search, q)::float8 AS score
            FROM ${sql.identifier(table)}, (SELECT ${query} AS q) query
           WHERE search @@ q ORDER BY score DESC, seq`,
    );
    return rows;
  }

  it('matches accent-insensitively, both ways, and ranks a headline hit above a body hit', async () => {
    const plain = await ranked('articles', sql`to_tsquery('simple', 'cafe')`);
    expect(plain.map((r) => r.id)).toEqual(['in-headline', 'in-body', 'unrelated']);
    expect(plain[0]!.score).toBeGreaterThan(plain[1]!.score);
    const accented = await ranked('articles', compileTsQuery(clause('café')));
    expect(accented).toEqual(plain);
    // The same with ts_rank's default weights (A 1.0, B 0.4) and with ts_rank_cd.
    const { rows } = await conn.db.execute<{ id: string }>(
      sql`SELECT id FROM articles WHERE search @@ to_tsquery('simple', 'cafe') ORDER BY ts_rank_cd(search, to_tsquery('simple', 'cafe')) DESC, seq`,
    );
    expect(rows[0]!.id).toBe('in-headline');
  });

  it('indexes the weights the migration gives: headline A, body B', async () => {
    const { rows } = await conn.db.execute<{ v: string }>(sql`SELECT search::text AS v FROM articles WHERE id = 'in-headline'`);
    expect(rows[0]!.v).toContain("'cafe':2A");
    expect(rows[0]!.v).toContain("'rien':5B,");
  });

  it('compiles every query case to the expected tsquery', async () => {
    for (const c of CASES) {
      const { rows } = await conn.db.execute<{ q: string }>(sql`SELECT (${compileTsQuery(c.clauses)})::text AS q`);
      expect(rows[0]!.q, c.q).toBe(c.tsquery);
    }
  });

  it('phrases, prefixes, OR and exclusions select what FTS5 would', async () => {
    const ids = async (clauses: TsClause[]) => (await ranked('articles', compileTsQuery(clauses))).map((r) => r.id).sort();
    const byQ = (q: string) => CASES.find((c) => c.q === q)!.clauses;
    expect(await ids(clause('cafe du'))).toEqual(['in-body', 'in-headline']); // phrase "cafe du"
    expect(await ids(clause('du cafe'))).toEqual([]);
    expect(await ids([{ include: [{ words: ['comm'], prefix: true }], exclude: [] }])).toEqual(['in-headline']);
    expect(await ids([{ include: [{ words: ['café', 'cr'], prefix: true }], exclude: [] }])).toEqual(['unrelated']);
    expect(await ids(byQ('crème -brûlée -"au lait"'))).toEqual([]);
    expect(await ids([{ include: [{ words: ['cafe'], prefix: false }], exclude: [{ words: ['coin'], prefix: false }] }])).toEqual([
      'in-headline',
      'unrelated',
    ]);
    expect(await ids(byQ('café OR thé -vert'))).toEqual(['in-body', 'in-headline', 'unrelated']);
    expect(await ids(byQ('ʼn⑴'))).toEqual([]); // no syntax error
  });

  it('splits words at ASCII punctuation as unicode61 does, not into hosts, emails and numbers', async () => {
    const ids = async (...words: string[]) => (await ranked('articles', compileTsQuery(clause(...words)))).map((r) => r.id);
    for (const words of [['example'], ['example com'], ['jean'], ['exemple fr'], ['3'], ['5'], ['v1'], ['srv data files'], ['ecrire']]) {
      expect(await ids(...words), words.join()).toEqual(['punctuated']);
    }
  });

  it('searches actors by name (A), aliases (B) and description (C), accent-insensitively', async () => {
    const find = async (word: string) => ranked('actors', compileTsQuery(clause(word)), RANK_WEIGHTS.actor);
    const [name, alias, description] = [await find('zoe'), await find('senora'), await find('maire')];
    expect([name, alias, description].map((r) => r.map((x) => x.id))).toEqual([['zoe'], ['zoe'], ['zoe']]);
    expect(name[0]!.score).toBeGreaterThan(alias[0]!.score);
    expect(alias[0]!.score).toBeGreaterThan(description[0]!.score);
    expect(await find('z')).toHaveLength(1); // the alias „Z“, its quotes only separators
    // jsonb keeps the list as written.
    const [actor] = await conn.db.select({ aliases: schema.actors.aliases }).from(schema.actors);
    expect(actor!.aliases).toEqual(['Señora „Z“', 'ZM']);
  });

  it('ts_headline marks accented matches in the original text with the control characters', async () => {
    const q = compileTsQuery(clause('cafe'));
    const { rows } = await conn.db.execute<{ snippet: string; marked: string }>(
      sql`SELECT ts_headline(${HEADLINE_CONFIG}::regconfig, body, ${q}, ${HIGHLIGHT_ALL}) AS snippet,
                 ts_headline(${HEADLINE_CONFIG}::regconfig, headline, ${q}, ${HIGHLIGHT_ALL}) AS marked
            FROM articles WHERE id = 'unrelated'`,
    );
    expect(rows[0]!.marked).toBe('Thé vert'); // no match in the headline: unmarked, whole
    expect(rows[0]!.snippet).toContain(`${MARK_OPEN}café${MARK_CLOSE}`);
    const { rows: all } = await conn.db.execute<{ marked: string }>(
      sql`SELECT ts_headline(${HEADLINE_CONFIG}::regconfig, headline, ${q}, ${HIGHLIGHT_ALL}) AS marked
            FROM articles WHERE id = 'in-headline'`,
    );
    expect(all[0]!.marked).toBe(`Le ${MARK_OPEN}café${MARK_CLOSE} du commerce`);
  });

  it('highlights the included terms only, not the excluded ones', async () => {
    const terms = compileQuery('cafe OR the -commerce').clauses.flatMap((c) => c.include);
    const mark = async (query: SQL) =>
      (
        await conn.db.execute<{ m: string }>(
          sql`SELECT ts_headline(${HEADLINE_CONFIG}::regconfig, 'café du commerce', ${query}, ${HIGHLIGHT_ALL}) AS m`,
        )
      ).rows[0]!.m;
    expect(await mark(highlightTsQuery(terms))).toBe(`${MARK_OPEN}café${MARK_CLOSE} du commerce`);
    // The search's own query would mark the excluded word as well.
    const clauses: TsClause[] = [
      { include: [terms[0]!], exclude: [] },
      { include: [terms[1]!], exclude: [{ words: ['commerce'], prefix: false }] },
    ];
    expect(await mark(compileTsQuery(clauses))).toBe(`${MARK_OPEN}café${MARK_CLOSE} du ${MARK_OPEN}commerce${MARK_CLOSE}`);
  });

  it('keyset pagination needs the score as float8: ts_rank is a real, which a JS number does not round-trip', async () => {
    const q = compileTsQuery(clause('cafe'));
    const { rows } = await conn.db.execute<{ seq: number; real: number; double: number }>(
      sql`SELECT seq, ts_rank(search, ${q}) AS real, ts_rank(search, ${q})::float8 AS double FROM articles WHERE search @@ ${q} ORDER BY 3 DESC, seq`,
    );
    const top = rows[0]!;
    expect(typeof top.double).toBe('number');
    // The cursor carries the float8 value exactly; the real's shortest text is another double.
    const same = async (column: SQL, value: number) =>
      (await conn.db.execute(sql`SELECT 1 FROM articles WHERE seq = ${top.seq} AND ${column} = ${value}::float8`)).rows.length;
    expect(await same(sql`ts_rank(search, ${q})::float8`, top.double)).toBe(1);
    expect(await same(sql`ts_rank(search, ${q})`, Number(top.real))).toBe(top.double === Number(top.real) ? 1 : 0);
    expect(top.double).not.toBe(Number(top.real)); // e.g. 0.0607927 is not the real 0.06079270... exactly
    // Paging by (score DESC, seq) with a float8 cursor visits every match once.
    const seen: number[] = [];
    let cursor: { score: number; seq: number } | undefined;
    for (;;) {
      const after = cursor ? sql`WHERE score < ${cursor.score}::float8 OR (score = ${cursor.score}::float8 AND seq > ${cursor.seq})` : sql``;
      const page = await conn.db.execute<{ seq: number; score: number }>(
        sql`SELECT * FROM (SELECT seq, ts_rank(search, ${q})::float8 AS score FROM articles WHERE search @@ ${q}) s ${after} ORDER BY score DESC, seq LIMIT 1`,
      );
      if (page.rows.length === 0) break;
      seen.push(page.rows[0]!.seq);
      cursor = page.rows[0]!;
    }
    expect(seen).toEqual(rows.map((r) => r.seq));
  });

  it('the search columns are the database’s to write', async () => {
    await expect(
      conn.db.execute(sql`UPDATE articles SET search = to_tsvector('simple', 'x') WHERE id = 'in-body'`),
    ).rejects.toThrow();
    await conn.db.execute(sql`UPDATE articles SET body = 'Désormais sans boisson.' WHERE id = 'in-body'`);
    const after = await ranked('articles', compileTsQuery(clause('desormais')));
    expect(after.map((r) => r.id)).toEqual(['in-body']);
  });
});
