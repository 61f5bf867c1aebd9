import { and, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import {
  articleActors,
  articles,
  articleTopics,
  publications,
  quotations,
  recommendations,
} from '../../../db/schema.js';
import { actorsOfArticle } from '../actors/actors.repository.js';
import { paginate, type Page, type Sort } from '../common/pagination.js';
import { matchExpression } from '../search/search.repository.js';
import { quotationsOfArticle } from '../quotations/quotations.repository.js';
import { recommendationsOfArticle } from '../recommendations/recommendations.repository.js';
import type { Article, ArticleInclude, ArticleListQuery } from './articles.schemas.js';

const countOf = (table: typeof articleActors | typeof recommendations | typeof quotations) =>
  sql<number>`(SELECT count(*) FROM ${table} t WHERE t.article_id = ${articles.id})`;

function select(db: Db) {
  return db
    .select({
      id: articles.id,
      headline: articles.headline,
      kind: articles.kind,
      publicationId: articles.publicationId,
      publicationName: publications.name,
      author: articles.author,
      datePublished: articles.datePublished,
      language: articles.language,
      url: articles.url,
      wordCount: articles.wordCount,
      topics: sql<string>`(
        SELECT json_group_array(topic) FROM (
          SELECT topic FROM ${articleTopics} t WHERE t.article_id = ${articles.id} ORDER BY t.ordinal
        )
      )`,
      actorCount: countOf(articleActors),
      recommendationCount: countOf(recommendations),
      quotationCount: countOf(quotations),
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .innerJoin(publications, eq(publications.id, articles.publicationId));
}

type Row = ReturnType<ReturnType<typeof select>['all']>[number];

function toArticle(r: Row): Article {
  return {
    id: r.id,
    headline: r.headline,
    kind: r.kind as Article['kind'],
    publication: { id: r.publicationId, name: r.publicationName },
    author: r.author,
    datePublished: r.datePublished,
    language: r.language,
    url: r.url,
    wordCount: r.wordCount,
    topics: JSON.parse(r.topics),
    counts: { actors: r.actorCount, recommendations: r.recommendationCount, quotations: r.quotationCount },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const byId = { column: articles.id, value: (r: Row) => r.id };
const sorts: Record<NonNullable<ArticleListQuery['sort']>, Sort<Row>> = {
  '-datePublished': {
    name: 'articles:-datePublished',
    keys: [{ column: articles.datePublished, desc: true, value: (r) => r.datePublished }, { ...byId, desc: true }],
  },
  datePublished: {
    name: 'articles:datePublished',
    keys: [{ column: articles.datePublished, value: (r) => r.datePublished }, byId],
  },
  headline: {
    name: 'articles:headline',
    keys: [{ column: articles.headline, value: (r) => r.headline }, byId],
  },
};

function filters(q: ArticleListQuery): SQL | undefined {
  return and(
    q.q ? sql`${articles.seq} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${matchExpression(q.q)})` : undefined,
    q.publication ? eq(articles.publicationId, q.publication) : undefined,
    q.kind ? eq(articles.kind, q.kind) : undefined,
    q.from ? gte(articles.datePublished, q.from) : undefined,
    q.to ? lte(articles.datePublished, q.to) : undefined,
    q.topic
      ? sql`EXISTS (SELECT 1 FROM ${articleTopics} WHERE ${articleTopics.articleId} = ${articles.id} AND ${articleTopics.topic} = ${q.topic})`
      : undefined,
    q.actor
      ? sql`EXISTS (SELECT 1 FROM ${articleActors} WHERE ${articleActors.articleId} = ${articles.id} AND ${articleActors.actorId} = ${q.actor})`
      : undefined,
  );
}

export function listArticles(db: Db, q: ArticleListQuery): Page<Article> {
  return paginate(q, sorts[q.sort ?? '-datePublished'], filters(q), {
    rows: (where, order, limit) => select(db).where(where).orderBy(...order).limit(limit).all(),
    count: (where) => db.select({ n: count() }).from(articles).where(where).get()!.n,
    map: toArticle,
  });
}

/** One article, with the parts named in `include` embedded, read in one snapshot. */
export function getArticle(db: Db, id: string, include: ReadonlySet<ArticleInclude> = new Set()): Article | undefined {
  return db.transaction((tx) => {
    const row = select(tx).where(eq(articles.id, id)).get();
    if (!row) return undefined;
    const article = toArticle(row);
    if (include.has('body')) {
      article.body = tx.select({ body: articles.body }).from(articles).where(eq(articles.id, id)).get()!.body;
    }
    if (include.has('actors')) article.actors = actorsOfArticle(tx, id);
    if (include.has('recommendations')) article.recommendations = recommendationsOfArticle(tx, id);
    if (include.has('quotations')) article.quotations = quotationsOfArticle(tx, id);
    return article;
  });
}

/**
 * The article as GET /v1/articles/{id} serves it, as JSON text: the bytes its ETag is computed
 * from, so a write can compare If-Match inside its own transaction.
 */
export function articleJson(db: Db, id: string, include?: ReadonlySet<ArticleInclude>): string | undefined {
  const article = getArticle(db, id, include);
  return article && JSON.stringify(article);
}

export function articleExists(db: Db, id: string): boolean {
  return !!db.select({ id: articles.id }).from(articles).where(eq(articles.id, id)).get();
}
