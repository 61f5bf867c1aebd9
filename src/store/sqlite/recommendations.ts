import type { Db } from '../../../db/client.js';
import * as schema from '../../../db/schema.js';
import { recommendationFilters } from '../filters.js';
import { recommendations } from '../../../db/schema.js';
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

/** Recommendations as stored JSON text, in the list's order. */
export function listRecommendations(db: Db, q: RecommendationListQuery): Page<string> {
  return paginate(db, q, RECOMMENDATION_SORTS[q.sort ?? '-datePublished'], (p) => recommendationFilters(schema, p, matchesText(recommendations, p.q)), {
    table: recommendations,
    rows: (where, order, limit) => selectList(db).where(where).orderBy(...order).limit(limit),
    map: (row) => row.document!,
  });
}

export function recommendationJson(db: Db, id: string): string | undefined {
  return (prepared(db, 'SELECT document FROM recommendations WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
}
