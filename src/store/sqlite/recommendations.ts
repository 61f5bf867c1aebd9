import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { actors, articles, recommendationPartners, recommendations } from '../../../db/schema.js';
import { paginate, type Sort } from './pagination.js';
import { type Page } from '../../shared/pagination.js';
import { prepared } from './statements.js';
import { matchesText } from './search.js';
import type { Recommendation, RecommendationListQuery } from '../../schemas/recommendations.js';

const partnersJson = sql<string>`(
  SELECT json_group_array(json_object('id', a.id, 'name', a.name)) FROM (
    SELECT p.actor_id, p.ordinal FROM ${recommendationPartners} p
    WHERE p.recommendation_id = ${recommendations.id} ORDER BY p.ordinal
  ) AS rp JOIN ${actors} a ON a.id = rp.actor_id
)`;

const columns = {
  id: recommendations.id,
  articleId: recommendations.articleId,
  headline: articles.headline,
  datePublished: recommendations.datePublished,
  priority: recommendations.priority,
  addresseeId: recommendations.addresseeId,
  addresseeName: actors.name,
  statement: recommendations.statement,
  strength: recommendations.strength,
  domain: recommendations.domain,
  instruments: recommendations.instruments,
  against: recommendations.against,
  partners: partnersJson,
  exact: recommendations.evidenceExact,
  start: recommendations.evidenceStart,
  end: recommendations.evidenceEnd,
};


type Row = ReturnType<ReturnType<typeof select>['all']>[number];

function toRecommendation(r: Row): Recommendation {
  return {
    id: r.id,
    article: { id: r.articleId, headline: r.headline, datePublished: r.datePublished },
    addressee: { id: r.addresseeId, name: r.addresseeName },
    statement: r.statement,
    strength: r.strength as Recommendation['strength'],
    priority: r.priority,
    domain: r.domain,
    instruments: r.instruments,
    partners: JSON.parse(r.partners),
    against: r.against,
    evidence: { exact: r.exact, start: r.start, end: r.end },
  };
}

function select(db: Db) {
  return db
    .select(columns)
    .from(recommendations)
    .innerJoin(articles, eq(articles.id, recommendations.articleId))
    .innerJoin(actors, eq(actors.id, recommendations.addresseeId));
}

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
type ListRow = ReturnType<ReturnType<typeof selectList>['all']>[number];

const byId = { column: recommendations.id, value: (r: ListRow) => r.id };
const sorts: Record<NonNullable<RecommendationListQuery['sort']>, Sort<ListRow>> = {
  '-datePublished': {
    name: 'recommendations:-datePublished',
    keys: [
      { column: recommendations.datePublished, desc: true, value: (r) => r.datePublished },
      { column: recommendations.articleId, value: (r) => r.articleId },
      { column: recommendations.priority, value: (r) => r.priority },
      byId,
    ],
  },
  datePublished: {
    name: 'recommendations:datePublished',
    keys: [
      { column: recommendations.datePublished, value: (r) => r.datePublished },
      { column: recommendations.articleId, value: (r) => r.articleId },
      { column: recommendations.priority, value: (r) => r.priority },
      byId,
    ],
  },
  priority: {
    name: 'recommendations:priority',
    keys: [
      { column: recommendations.priority, value: (r) => r.priority },
      { column: recommendations.datePublished, desc: true, value: (r) => r.datePublished },
      byId,
    ],
  },
};

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
  return paginate(db, q, sorts[q.sort ?? '-datePublished'], filters(q), {
    table: recommendations,
    rows: (where, order, limit) => selectList(db).where(where).orderBy(...order).limit(limit).all(),
    map: (row) => row.document!,
  });
}

/** All of an article's recommendations, by priority, from the normalized tables: what the ingest module materializes. */
export function recommendationsOfArticle(db: Db, articleId: string): Recommendation[] {
  return select(db)
    .where(eq(recommendations.articleId, articleId))
    .orderBy(asc(recommendations.priority), asc(recommendations.id))
    .all()
    .map(toRecommendation);
}

export function recommendationJson(db: Db, id: string): string | undefined {
  return (prepared(db, 'SELECT document FROM recommendations WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
}
