import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import * as schema from '../../../db/schema.js';
import { articleFilters } from '../filters.js';
import { articleEtag, spliceArticle, type ArticleJson } from '../documents.js';
import { articleDocuments, articles } from '../../../db/schema.js';
import { paginate } from './pagination.js';
import { ARTICLE_SORTS } from '../sorts.js';
import { type Page } from '../../shared/pagination.js';
import { prepared } from './statements.js';
import { matchesText } from './search.js';
import { ArticleIncludes, type ArticleInclude, type ArticleListQuery } from '../../schemas/articles.js';


/** Article summaries as stored JSON text, in the list's order. */
export function listArticles(db: Db, q: ArticleListQuery): Page<string> {
  return paginate(db, q, ARTICLE_SORTS[q.sort ?? '-datePublished'], (p) => articleFilters(schema, p, matchesText(articles, p.q)), {
    table: articles,
    rows: (where, order, limit) =>
      db
        .select({
          id: articles.id,
          headline: articles.headline,
          datePublished: articles.datePublished,
          summary: articleDocuments.summary,
        })
        .from(articles)
        .innerJoin(articleDocuments, eq(articleDocuments.articleId, articles.id))
        .where(where)
        .orderBy(...order)
        .limit(limit),
    map: (row) => row.summary,
  });
}

/**
 * The article as GET /v1/articles/{id} serves it: its stored summary with the included parts
 * spliced in, in the schema's key order, and its ETag, which a write compares If-Match against.
 * The stored JSON is read as bytes (CAST AS BLOB), so it is never decoded into strings and
 * encoded again on its way to the socket.
 */
export function articleJson(db: Db, id: string, include: ReadonlySet<ArticleInclude> = new Set()): ArticleJson | undefined {
  const parts = ArticleIncludes.filter((part) => include.has(part));
  const columns = parts.map((part) => (part === 'body' ? 'a.body' : `CAST(d.${part} AS BLOB)`));
  const row = prepared(
    db,
    `SELECT CAST(d.summary AS BLOB), d.digests, a.revision${columns.map((c) => `, ${c}`).join('')}
       FROM article_documents d JOIN articles a ON a.id = d.article_id WHERE d.article_id = ?`,
  ).raw().get(id) as [Buffer, string, number, ...Array<string | Buffer>] | undefined;
  if (!row) return undefined;
  const [summary, digests, revision] = row;
  return {
    json: spliceArticle(summary, Object.fromEntries(parts.map((part, i) => [part, row[i + 3]!])), include),
    etag: articleEtag(digests, include),
    revision,
  };
}
