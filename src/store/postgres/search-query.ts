// The public search syntax on PostgreSQL: the clauses that src/shared/search-query.ts
// parses (words, "phrases", prefix*, OR, -exclusion) compiled to a tsquery, the counterpart of
// its FTS5 MATCH string. Matching uses the `search` columns of migrations/postgres/0001_search.sql.
//
//   FTS5 (compileQuery)                    tsquery (compileTsQuery)
//   "w1 w2"           a phrase             'w1' <-> 'w2'
//   "w"*              a prefix             'w':*            ("w1 w2"* is 'w1' <-> 'w2':*)
//   A AND B           in a clause          A & B
//   (A) NOT (X OR Y)  exclusions           A & !( X | Y )
//   (C1) OR (C2)      clauses              C1 | C2
//
// No user text is ever parsed as tsquery syntax. Each term's words go to the server as a bind
// parameter and become lexemes through phraseto_tsquery('simple', public.search_text(...)): the
// same path as the indexed columns (unaccent, ASCII punctuation to spaces, then the parser), so
// 'Café' finds 'cafe' and any character that unaccent turns into punctuation (ʼ into ', ⑴ into
// (1)) is only a separator, as in FTS5.
// The operators are combined as tsquery values (&&, ||, !!), not spliced into a string. Only a
// prefix goes through text: the lexemes phraseto_tsquery returns, quoted by tsquery's own output,
// with :* appended to the last, and read back by tsquery's input (which does not normalize again).
import { sql, type SQL } from 'drizzle-orm';
import type { Clause, SearchTerm } from '../../shared/search-query.js';
import { MARK_CLOSE, MARK_OPEN } from '../../shared/snippet.js';

/** One OR-branch of a query: all `include` terms, none of the `exclude` ones. */
export type TsClause = Clause;

/** The configuration the `search` columns are built with (tsvector and tsquery must agree). */
export const SEARCH_CONFIG = 'simple';
/** For ts_headline on the original text: `simple` with unaccent as a filtering dictionary. */
export const HEADLINE_CONFIG = 'public.simple_unaccent';

/** A term as a tsquery: its words in sequence, the last as a prefix when `prefix`. */
export function termTsQuery(term: SearchTerm): SQL {
  const phrase = sql`phraseto_tsquery(${sql.raw(`'${SEARCH_CONFIG}'`)}::regconfig, public.search_text(${term.words.join(' ')}::text))`;
  if (!term.prefix) return phrase;
  // '' (a term that unaccents to no lexeme) stays the empty query rather than the invalid ':*'.
  return sql`coalesce(nullif(${phrase}::text, '') || ':*', '')::tsquery`;
}

const joinWith = (parts: SQL[], operator: '&&' | '||') => sql.join(parts.map((p) => sql`(${p})`), sql.raw(` ${operator} `));

/**
 * The clauses of a parsed query as one tsquery-valued SQL expression, for
 * `search @@ <it>`, `ts_rank(search, <it>)` and `ts_headline(..., <it>, ...)`.
 * Every clause needs at least one included term (compileQuery guarantees it).
 */
export function compileTsQuery(clauses: readonly TsClause[]): SQL {
  if (clauses.length === 0) throw new Error('compileTsQuery: no clauses');
  const branches = clauses.map(({ include, exclude }) => {
    if (include.length === 0) throw new Error('compileTsQuery: a clause without included terms matches nothing useful');
    const all = joinWith(include.map(termTsQuery), '&&');
    return exclude.length ? sql`${all} && !!(${joinWith(exclude.map(termTsQuery), '||')})` : all;
  });
  return branches.length === 1 ? branches[0]! : joinWith(branches, '||');
}

/**
 * The query ts_headline marks, from compileQuery's `terms` (the included ones): any of them. Not the
 * search's own tsquery, whose excluded lexemes ts_headline would mark too (it marks every lexeme of
 * the query, negated or not, wherever it occurs).
 */
export function highlightTsQuery(terms: readonly SearchTerm[]): SQL {
  return compileTsQuery(terms.map((term) => ({ include: [term], exclude: [] })));
}

/**
 * ts_rank weights, {D, C, B, A}, matching the bm25 column weights of the SQLite search: for
 * articles headline (A) 4 : body (B) 1, for recommendations and quotations title (A) 2 : evidence
 * (B) 1, for actors name 1, aliases 0.4, description 0.2 (ts_rank's defaults for A, B, C).
 */
export const RANK_WEIGHTS = {
  article: '{0.1, 0.2, 0.25, 1.0}',
  recommendation: '{0.1, 0.2, 0.5, 1.0}',
  quotation: '{0.1, 0.2, 0.5, 1.0}',
  actor: '{0.1, 0.2, 0.4, 1.0}',
} as const;


/**
 * ts_headline options that mark every match in the whole text (FTS5's highlight()) with the
 * markers of src/shared/snippet.ts, which picks the passage a snippet shows on both engines.
 */
export const HIGHLIGHT_ALL = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, HighlightAll=true`;
