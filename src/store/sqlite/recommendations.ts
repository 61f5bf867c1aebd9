import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { recommendationPartners, recommendations } from '../../../db/schema.js';
import { paginate } from './pagination.js';
import { RECOMMENDATION_SORTS } from '../sorts.js';
import { type Page } from '../../shared/pagination.js';
import { prepared } from './statements.js';
import { matchesText } from './search.js';
import type { RecommendationListQuery } from '../../schemas/recommendations.js';

/** What a list reads per recommendation: its sort keys and its stored document. */
function selectList(db: Db) {
  return db
    .select({
      id: recommendations.id,
      articleId: recommendations.articleId,
      datePublished: recommendations.datePublished,
      priority: recommendations.priority,
      document: recommendations.document,
    })
    .from(recommendations);
}

function filters(q: RecommendationListQuery): SQL | undefined {
  return and(
    matchesText(recommendations, q.q),
    q.addressee ? eq(recommendations.addresseeId, q.addressee) : undefined,
    q.article ? eq(recommendations.articleId, q.article) : undefined,
    q.domain ? eq(recommendations.domain, q.domain) : undefined,
    q.strength ? eq(recommendations.strength, q.strength) : undefined,
    q.from ? gte(recommendations.datePublished, q.from) : undefined,
    q.to ? lte(recommendations.datePublished, q.to) : undefined,
    q.partner
      ? sql`EXISTS (SELECT 1 FROM ${recommendationPartners} WHERE ${recommendationPartners.recommendationId} = ${recommendations.id} AND ${recommendationPartners.actorId} = ${q.partner})`
      : undefined,
  );
}

/** Recommendations as stored JSON text, in the list's order. */
export function listRecommendations(db: Db, q: RecommendationListQuery): Page<string> {
  return paginate(db, q, RECOMMENDATION_SORTS[q.sort ?? '-datePublished'], filters(q), {
    table: recommendations,
    rows: (where, order, limit) => selectList(db).where(where).orderBy(...order).limit(limit).all(),
    map: (row) => row.document!,
  });
}

export function recommendationJson(db: Db, id: string): string | undefined {
  return (prepared(db, 'SELECT document FROM recommendations WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
}
