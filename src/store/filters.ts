// The filters of every list, for every engine: the same conditions on the same columns, written
// once against whichever engine's tables (db/schema.ts or db/schema.postgres.ts, which
// db/schema-check.ts keeps equal). Only the full-text `q` condition differs by engine: it is given.
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type * as pg from '../../db/schema.postgres.js';
import type * as sqlite from '../../db/schema.js';
import type { ArticleListQuery } from '../schemas/articles.js';
import type { QuotationListQuery } from '../schemas/quotations.js';
import type { RecommendationListQuery } from '../schemas/recommendations.js';

export type Tables = typeof sqlite | typeof pg;

/** `reviewed` and `method`, on the provenance columns that recommendations and quotations share. */
function provenanceFilters(
  table: Tables['recommendations'] | Tables['quotations'],
  q: Pick<RecommendationListQuery, 'reviewed' | 'method'>,
): Array<SQL | undefined> {
  return [
    q.reviewed !== undefined ? eq(table.provenanceReviewed, q.reviewed) : undefined,
    q.method ? eq(table.provenanceMethod, q.method) : undefined,
  ];
}

export function articleFilters(t: Tables, q: ArticleListQuery, text: SQL | undefined): SQL | undefined {
  const { articles, articleTopics, articleActors } = t;
  return and(
    text,
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

export function recommendationFilters(t: Tables, q: RecommendationListQuery, text: SQL | undefined): SQL | undefined {
  const { recommendations, recommendationPartners } = t;
  return and(
    text,
    q.addressee ? eq(recommendations.addresseeId, q.addressee) : undefined,
    q.article ? eq(recommendations.articleId, q.article) : undefined,
    q.domain ? eq(recommendations.domain, q.domain) : undefined,
    q.strength ? eq(recommendations.strength, q.strength) : undefined,
    q.from ? gte(recommendations.datePublished, q.from) : undefined,
    q.to ? lte(recommendations.datePublished, q.to) : undefined,
    ...provenanceFilters(recommendations, q),
    q.partner
      ? sql`EXISTS (SELECT 1 FROM ${recommendationPartners} WHERE ${recommendationPartners.recommendationId} = ${recommendations.id} AND ${recommendationPartners.actorId} = ${q.partner})`
      : undefined,
  );
}

export function quotationFilters(t: Tables, q: QuotationListQuery, text: SQL | undefined): SQL | undefined {
  const { quotations } = t;
  return and(
    text,
    q.source ? eq(quotations.sourceId, q.source) : undefined,
    q.article ? eq(quotations.articleId, q.article) : undefined,
    q.kind ? eq(quotations.kind, q.kind) : undefined,
    q.from ? gte(quotations.datePublished, q.from) : undefined,
    q.to ? lte(quotations.datePublished, q.to) : undefined,
    ...provenanceFilters(quotations, q),
  );
}
