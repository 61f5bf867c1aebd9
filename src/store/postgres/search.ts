// One search over articles, recommendations and quotations on PostgreSQL: the same contract,
// window and keyset paging as the SQLite search (src/store/sqlite/search.ts), ranked by ts_rank
// with the same column weights (README of this folder: how it differs from bm25), snippets by
// ts_headline. Hits are ranked within the SEARCH_WINDOW most recently added matches of each type.
import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../../db/client.postgres.js';
import { SearchTypes, type SearchHit, type SearchQuery, type SearchType } from '../../schemas/search.js';
import { pageLimit, type Page } from '../../shared/pagination.js';
import { byRank, decodeSearchCursor, encodeSearchCursor, type SearchKey } from '../../shared/search-cursor.js';
import { compileQuery } from '../../shared/search-query.js';
import { passageOf } from '../../shared/snippet.js';
import { compileTsQuery, HEADLINE_CONFIG, HIGHLIGHT_ALL, highlightTsQuery, RANK_WEIGHTS } from './search-query.js';

export const SEARCH_WINDOW = 1000;

interface Source {
  table: string;
  /** The title-like column (headline, statement, claim) and the column with the body's words. */
  title: string;
  text: string;
}

const SOURCES: Record<SearchType, Source> = {
  article: { table: 'articles', title: 'headline', text: 'body' },
  recommendation: { table: 'recommendations', title: 'statement', text: 'evidence_exact' },
  quotation: { table: 'quotations', title: 'claim', text: 'evidence_exact' },
};

type Row = SearchKey;

/** The best `limit` matches of one type after the cursor, among its window of latest matches. */
function top(type: SearchType, query: SQL, after: Row | undefined, limit: number): SQL {
  const s = SOURCES[type];
  const table = sql.identifier(s.table);
  const keyset = !after
    ? sql``
    : type === after.type
      ? sql`WHERE score < ${after.score} OR (score = ${after.score} AND seq > ${after.seq})`
      : type < after.type
        ? sql`WHERE score < ${after.score}`
        : sql`WHERE score <= ${after.score}`;
  return sql`SELECT seq, score FROM (
      SELECT seq, ts_rank(${sql.raw(`'${RANK_WEIGHTS[type]}'`)}::float4[], search, q)::float8 AS score
        FROM (SELECT seq, search FROM ${table} WHERE search @@ (${query}) ORDER BY seq DESC LIMIT ${SEARCH_WINDOW}) w,
             (SELECT ${query} AS q) query
    ) ranked ${keyset} ORDER BY score DESC, seq LIMIT ${limit}`;
}

function countWindow(types: readonly SearchType[], query: SQL): SQL {
  return sql.join(
    types.map(
      (t) =>
        sql`(SELECT count(*) FROM (SELECT 1 FROM ${sql.identifier(SOURCES[t].table)} WHERE search @@ (${query}) ORDER BY seq DESC LIMIT ${SEARCH_WINDOW}) w)`,
    ),
    sql` + `,
  );
}

async function describe(db: PgDb, row: Row, highlight: SQL): Promise<SearchHit> {
  const s = SOURCES[row.type];
  const config = sql.raw(`'${HEADLINE_CONFIG}'::regconfig`);
  const { rows } = await db.execute<{
    id: string;
    articleId: string;
    headline: string;
    datePublished: string;
    title: string;
    markedTitle: string;
    marked: string;
    evidenceStart: number;
    evidenceEnd: number;
  }>(sql`SELECT t.id, a.id AS "articleId", a.headline, a.date_published AS "datePublished",
                t.${sql.identifier(s.title)} AS title,
                ts_headline(${config}, t.${sql.identifier(s.title)}, q, ${HIGHLIGHT_ALL}) AS "markedTitle",
                ts_headline(${config}, t.${sql.identifier(s.text)}, q, ${HIGHLIGHT_ALL}) AS marked,
                ${row.type === 'article' ? sql`0` : sql`t.evidence_start`} AS "evidenceStart",
                ${row.type === 'article' ? sql`0` : sql`t.evidence_end`} AS "evidenceEnd"
           FROM ${sql.identifier(s.table)} t
           JOIN articles a ON a.id = ${row.type === 'article' ? sql`t.id` : sql`t.article_id`},
                (SELECT ${highlight} AS q) query
          WHERE t.seq = ${row.seq}`);
  const d = rows[0]!;
  // As on SQLite: the snippet and the span come from one passage (src/shared/snippet.ts) of the
  // body or evidence, or of the title when only the title matched.
  const inText = passageOf(d.marked);
  const span = inText
    ? { start: d.evidenceStart + inText.span.start, end: d.evidenceStart + inText.span.end }
    : row.type === 'article'
      ? null
      : { start: d.evidenceStart, end: d.evidenceEnd };
  return {
    type: row.type,
    id: d.id,
    article: { id: d.articleId, headline: d.headline, datePublished: d.datePublished },
    title: d.title,
    snippet: inText?.snippet ?? passageOf(d.markedTitle)?.snippet ?? '',
    span,
    score: row.score,
  };
}

export async function search(db: PgDb, q: SearchQuery): Promise<Page<SearchHit>> {
  const { clauses } = compileQuery(q.q);
  const query = compileTsQuery(clauses);
  const highlight = highlightTsQuery(clauses.flatMap((c) => c.include));
  const types = q.type ? [q.type] : SearchTypes;
  const limit = pageLimit(q.limit);
  const after = q.cursor ? decodeSearchCursor(q.cursor) : undefined;
  // One snapshot (REPEATABLE READ, read only), so the hits ranked are the rows described.
  return db.transaction(
    async (tx) => {
      const ranked: Row[] = [];
      for (const type of types) {
        const { rows } = await tx.execute<{ seq: number; score: number }>(top(type, query, after, limit + 1));
        ranked.push(...rows.map((r) => ({ type, seq: Number(r.seq), score: Number(r.score) })));
      }
      ranked.sort(byRank);
      const page = ranked.slice(0, limit);
      const { rows: counted } = await tx.execute<{ n: number }>(sql`SELECT (${countWindow(types, query)})::int AS n`);
      const last = page.at(-1);
      const data: SearchHit[] = [];
      for (const row of page) data.push(await describe(tx, row, highlight));
      return {
        data,
        page: { limit, nextCursor: ranked.length > limit && last ? encodeSearchCursor(last) : null, total: counted[0]!.n },
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
