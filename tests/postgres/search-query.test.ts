// compileTsQuery without a server: the SQL it builds, and that user text only ever travels as bind
// parameters. tests/postgres/search.test.ts runs the same clauses on PostgreSQL.
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../src/shared/search-query.js';
import { compileTsQuery, ellipsize, headlineOptions, termTsQuery, type TsClause } from '../../src/store/postgres/search-query.js';
import { CASES, t } from './search-cases.js';

const dialect = new PgDialect();
const render = (clauses: TsClause[]) => dialect.sqlToQuery(compileTsQuery(clauses));

describe('compileTsQuery', () => {
  it('the cases hold the clauses compileQuery parses (its included terms, in order)', () => {
    for (const c of CASES) {
      expect(compileQuery(c.q).clauses, c.q).toEqual(c.clauses);
    }
  });

  it('sends every term as a bind parameter, never inside the SQL text', () => {
    const hostile = "x')::tsquery; DROP TABLE articles; --";
    const { sql, params } = render([{ include: [{ words: [hostile], prefix: true }], exclude: [{ words: ["'|!&<->:*"], prefix: false }] }]);
    expect(params).toEqual([hostile, "'|!&<->:*"]);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('<->');
  });

  it('combines terms with &&, exclusions with && !!( || ), clauses with ||', () => {
    const { sql, params } = render(CASES[5]!.clauses);
    const term = "phraseto_tsquery('simple'::regconfig, public.search_text($N::text))";
    expect(sql.replace(/\$\d+/g, '$N')).toBe(`((${term})) || ((${term}) && !!((${term})))`);
    expect(params).toEqual(['café', 'thé', 'vert']);
  });

  it('turns a prefix term into its lexemes with :* on the last, and an empty one into the empty query', () => {
    const { sql } = dialect.sqlToQuery(termTsQuery({ words: ['new', 'yor'], prefix: true }));
    expect(sql).toBe(
      "coalesce(nullif(phraseto_tsquery('simple'::regconfig, public.search_text($1::text))::text, '') || ':*', '')::tsquery",
    );
  });

  it('refuses clause lists compileQuery never produces', () => {
    expect(() => compileTsQuery([])).toThrow(/no clauses/);
    expect(() => compileTsQuery([{ include: [], exclude: [t('x')] }])).toThrow(/without included terms/);
  });
});

describe('headlineOptions', () => {
  it('marks matches with the control characters the page turns into <mark>', () => {
    expect(headlineOptions()).toBe(
      'StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=20, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "',
    );
    expect(headlineOptions({ highlightAll: true })).toBe('StartSel=\u0001, StopSel=\u0002, HighlightAll=true');
    expect(headlineOptions({ maxWords: 10, minWords: 3, maxFragments: 0 })).toBe(
      'StartSel=\u0001, StopSel=\u0002, MaxWords=10, MinWords=3, ShortWord=0',
    );
  });

  it('ellipsize marks where a passage was cut, as FTS5 snippet() does', () => {
    const text = 'one two three four five';
    expect(ellipsize('two \u0001three\u0002', text)).toBe('…two \u0001three\u0002…');
    expect(ellipsize('\u0001one\u0002 two', text)).toBe('\u0001one\u0002 two…');
    expect(ellipsize('four \u0001five\u0002', text)).toBe('…four \u0001five\u0002');
    expect(ellipsize(text, text)).toBe(text);
  });
});
