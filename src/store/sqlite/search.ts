// One search over articles, recommendations and quotations: bm25 ranking across the three FTS5
// indexes, keyset pagination on (score, type, id), and snippets and spans for the page only.
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';
import { pageLimit, type Page } from '../../shared/pagination.js';
import { byRank, decodeSearchCursor, encodeSearchCursor, type SearchKey } from '../../shared/search-cursor.js';
import { passageOf } from '../../shared/snippet.js';
import { prepared } from './statements.js';
import { compileQuery } from '../../shared/search-query.js';
import { SearchTypes, type SearchHit, type SearchQuery, type SearchType } from '../../schemas/search.js';

interface Source {
  fts: string;
  table: string;
  /** bm25 weights per indexed column: the title-like column counts more. */
  weights: string;
  /** Index of the column that holds text from the body (for the span); the other is the title. */
  bodyColumn: number;
}

const SOURCES: Record<SearchType, Source> = {
  article: { fts: 'articles_fts', table: 'articles', weights: '4.0, 1.0', bodyColumn: 1 },
  recommendation: { fts: 'recommendations_fts', table: 'recommendations', weights: '2.0, 1.0', bodyColumn: 1 },
  quotation: { fts: 'quotations_fts', table: 'quotations', weights: '2.0, 1.0', bodyColumn: 1 },
};

const articleIdOf: Record<SearchType, string> = { article: 't.id', recommendation: 't.article_id', quotation: 't.article_id' };

/**
 * How many matches of each type a search ranks: the most recently added ones. bm25 costs about a
 * microsecond a match, so ranking every match of a common word over 100,000 articles would take
 * 70 ms; the window keeps any search near a few milliseconds. Queries with fewer matches (most)
 * are ranked whole; broader ones are told so by `page.total` and can be narrowed.
 */
export const SEARCH_WINDOW = 1000;

/**
 * The best `limit` matches of one index after the cursor, by rowid only: the join to the content
 * table waits until the page is known. Hits are ordered by score (bm25, negated: higher is
 * better), type, then rowid.
 */
function topSql(type: SearchType, after: 'none' | 'before' | 'same' | 'after'): string {
  const s = SOURCES[type];
  const keyset = {
    none: '',
    // the cursor's type sorts after this one: rows with the cursor's score come later
    before: 'WHERE score < @score',
    same: 'WHERE score < @score OR (score = @score AND seq > @seq)',
    after: 'WHERE score <= @score',
  }[after];
  return `SELECT * FROM (SELECT rowid AS seq, -bm25(${s.fts}, ${s.weights}) AS score FROM ${s.fts} WHERE ${s.fts} MATCH @match
                         ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW})
    ${keyset} ORDER BY score DESC, seq LIMIT @limit`;
}

/** How many hits a search can page through: the matches inside each type's window. */
function countSql(types: readonly SearchType[]): string {
  const window = (t: SearchType) =>
    `(SELECT count(*) FROM (SELECT rowid FROM ${SOURCES[t].fts} WHERE ${SOURCES[t].fts} MATCH @match ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW}))`;
  return `SELECT ${types.map(window).join(' + ')} AS n`;
}

function describe(db: Db, row: SearchKey, match: string): SearchHit {
  const s = SOURCES[row.type];
  // The FTS row is read on its own. better-sqlite3 binds numbers as REAL, which FTS5's rowid
  // lookup ignores without a word (every match comes back): hence the CAST.
  const detail = prepared(
    db,
    `SELECT f.markedTitle, f.marked, t.id AS id,
            a.id AS articleId, a.headline AS headline, a.date_published AS datePublished,
            ${row.type === 'article' ? 'a.headline' : row.type === 'recommendation' ? 't.statement' : 't.claim'} AS title,
            ${row.type === 'article' ? '0' : 't.evidence_start'} AS evidenceStart,
            ${row.type === 'article' ? '0' : 't.evidence_end'} AS evidenceEnd
       FROM (SELECT rowid AS seq,
                    highlight(${s.fts}, ${1 - s.bodyColumn}, char(1), char(2)) AS markedTitle,
                    highlight(${s.fts}, ${s.bodyColumn}, char(1), char(2)) AS marked
               FROM ${s.fts} WHERE ${s.fts} MATCH @match AND rowid = CAST(@seq AS INTEGER)) f
       JOIN ${s.table} t ON t.seq = f.seq
       JOIN articles a ON a.id = ${articleIdOf[row.type]}`,
  ).get({ match, seq: row.seq }) as {
    id: string;
    markedTitle: string;
    marked: string;
    articleId: string;
    headline: string;
    datePublished: string;
    title: string;
    evidenceStart: number;
    evidenceEnd: number;
  };
  // The snippet and the span come from one passage: the best of the body (or the evidence), or
  // the title (headline, statement, claim) when only the title matched.
  const inText = passageOf(detail.marked);
  const span = inText
    ? { start: detail.evidenceStart + inText.span.start, end: detail.evidenceStart + inText.span.end }
    : row.type === 'article'
      ? null
      : { start: detail.evidenceStart, end: detail.evidenceEnd };
  const snippet = inText?.snippet ?? passageOf(detail.markedTitle)?.snippet ?? '';
  return {
    type: row.type,
    id: detail.id,
    article: { id: detail.articleId, headline: detail.headline, datePublished: detail.datePublished },
    title: detail.title,
    snippet,
    span,
    score: row.score,
  };
}

export function search(db: Db, q: SearchQuery): Page<SearchHit> {
  // One read transaction, so the hits ranked are the rows described: another process (the
  // import, a second server) may replace or delete them in between otherwise (a 500).
  return db.transaction(() => searchSnapshot(db, q), { behavior: 'deferred' });
}

function searchSnapshot(db: Db, q: SearchQuery): Page<SearchHit> {
  const { match } = compileQuery(q.q);
  const types = q.type ? [q.type] : SearchTypes;
  const limit = pageLimit(q.limit);
  const after = q.cursor ? decodeSearchCursor(q.cursor) : undefined;
  const position = (type: SearchType) =>
    !after ? 'none' : type === after.type ? 'same' : type < after.type ? 'before' : 'after';
  const rows = types
    .flatMap((type) =>
      (prepared(db, topSql(type, position(type))).all({ match, limit: limit + 1, ...after }) as Omit<SearchKey, 'type'>[]).map(
        (row) => ({ ...row, type }),
      ),
    )
    .sort(byRank)
    .slice(0, limit + 1);
  const total = (prepared(db, countSql(types)).get({ match }) as { n: number }).n;
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const nextCursor = rows.length > limit && last ? encodeSearchCursor(last) : null;
  return { data: data.map((row) => describe(db, row, match)), page: { limit, nextCursor, total } };
}

/**
 * A list's `q` filter: rows of `table` whose FTS5 index (`<table>_fts`, keyed by `seq`) matches
 * the query, compiled from the same syntax as /v1/search. Undefined when there is no query.
 */
export function matchesText(table: SQLiteTable, q: string | undefined): SQL | undefined {
  if (q === undefined) return undefined;
  const name = getTableName(table);
  return sql`${sql.identifier(name)}.seq IN (SELECT rowid FROM ${sql.identifier(`${name}_fts`)} WHERE ${sql.identifier(`${name}_fts`)} MATCH ${compileQuery(q).match})`;
}
