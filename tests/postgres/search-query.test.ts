// compileTsQuery without a server: the SQL it builds, and that user text only ever travels as bind
// parameters. tests/postgres/search.test.ts runs the same clauses on PostgreSQL.
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../src/shared/search-query.js';
import { compileTsQuery, HIGHLIGHT_ALL, termTsQuery, type TsClause } from '../../src/store/postgres/search-query.js';
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

describe('HIGHLIGHT_ALL', () => {
  it('marks every match with the control characters of the shared snippet code', () => {
    expect(HIGHLIGHT_ALL).toBe('StartSel=\u0001, StopSel=\u0002, HighlightAll=true');
  });
});
