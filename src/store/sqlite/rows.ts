// One article's stored rows, read in one go (inside the caller's transaction) for the engine-neutral
// assembly of its documents and its export (src/store/documents.ts).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import {
  actorMentions,
  actors,
  articleActors,
  articles,
  articleTopics,
  publications,
  quotations,
  recommendationPartners,
  recommendations,
  sources,
} from '../../../db/schema.js';
import type { ArticleRows } from '../documents.js';

export function readArticleRows(tx: Db, id: string): ArticleRows | undefined {
  const found = tx
    .select()
    .from(articles)
    .innerJoin(publications, eq(publications.id, articles.publicationId))
    .where(eq(articles.id, id))
    .get();
  if (!found) return undefined;
  const recs = tx.select().from(recommendations).where(eq(recommendations.articleId, id)).orderBy(asc(recommendations.ordinal)).all();
  const partners = recs.length
    ? tx
        .select()
        .from(recommendationPartners)
        .where(inArray(recommendationPartners.recommendationId, recs.map((r) => r.id)))
        .orderBy(asc(recommendationPartners.ordinal))
        .all()
    : [];
  const named = [...new Set([...recs.map((r) => r.addresseeId), ...partners.map((p) => p.actorId)])];
  return {
    article: found.articles,
    publication: found.publications,
    topics: tx
      .select({ topic: articleTopics.topic })
      .from(articleTopics)
      .where(eq(articleTopics.articleId, id))
      .orderBy(asc(articleTopics.ordinal))
      .all()
      .map((t) => t.topic),
    links: tx
      .select({ link: articleActors, actor: actors })
      .from(articleActors)
      .innerJoin(actors, eq(actors.id, articleActors.actorId))
      .where(eq(articleActors.articleId, id))
      .orderBy(asc(articleActors.ordinal))
      .all(),
    mentions: tx.select().from(actorMentions).where(eq(actorMentions.articleId, id)).orderBy(asc(actorMentions.start)).all(),
    recommendations: recs,
    partners,
    quotations: tx
      .select({ quotation: quotations, source: sources })
      .from(quotations)
      .innerJoin(sources, eq(sources.id, quotations.sourceId))
      .where(eq(quotations.articleId, id))
      .orderBy(asc(quotations.ordinal))
      .all(),
    actorNames: new Map(
      (named.length ? tx.select({ id: actors.id, name: actors.name }).from(actors).where(inArray(actors.id, named)).all() : []).map(
        (a) => [a.id, a.name],
      ),
    ),
  };
}
