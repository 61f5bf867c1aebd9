// One article's stored rows, read in one go (inside the caller's transaction) for the engine-neutral
// assembly of its documents and its export (src/store/documents.ts).
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
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
import { clientOf } from './statements.js';

/**
 * The queries, built and compiled once per connection with the article id as a placeholder: the
 * write path reads every article it writes back through them, and building each query again per
 * article cost more than running it.
 */
function articleQueries(db: Db) {
  const id = sql.placeholder('id');
  const recommendationsOfArticle = db.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.articleId, id));
  return {
    article: db
      .select()
      .from(articles)
      .innerJoin(publications, eq(publications.id, articles.publicationId))
      .where(eq(articles.id, id))
      .prepare(),
    recommendations: db.select().from(recommendations).where(eq(recommendations.articleId, id)).orderBy(asc(recommendations.ordinal)).prepare(),
    partners: db
      .select()
      .from(recommendationPartners)
      .where(inArray(recommendationPartners.recommendationId, recommendationsOfArticle))
      .orderBy(asc(recommendationPartners.ordinal))
      .prepare(),
    topics: db.select({ topic: articleTopics.topic }).from(articleTopics).where(eq(articleTopics.articleId, id)).orderBy(asc(articleTopics.ordinal)).prepare(),
    links: db
      .select({ link: articleActors, actor: actors })
      .from(articleActors)
      .innerJoin(actors, eq(actors.id, articleActors.actorId))
      .where(eq(articleActors.articleId, id))
      .orderBy(asc(articleActors.ordinal))
      .prepare(),
    mentions: db.select().from(actorMentions).where(eq(actorMentions.articleId, id)).orderBy(asc(actorMentions.start)).prepare(),
    quotations: db
      .select({ quotation: quotations, source: sources })
      .from(quotations)
      .innerJoin(sources, eq(sources.id, quotations.sourceId))
      .where(eq(quotations.articleId, id))
      .orderBy(asc(quotations.ordinal))
      .prepare(),
    /** The actors the recommendations address or name as partners. */
    actorNames: db
      .select({ id: actors.id, name: actors.name })
      .from(actors)
      .where(
        or(
          inArray(actors.id, db.select({ id: recommendations.addresseeId }).from(recommendations).where(eq(recommendations.articleId, id))),
          inArray(
            actors.id,
            db
              .select({ id: recommendationPartners.actorId })
              .from(recommendationPartners)
              .where(inArray(recommendationPartners.recommendationId, recommendationsOfArticle)),
          ),
        ),
      )
      .prepare(),
  };
}

const queries = new WeakMap<object, ReturnType<typeof articleQueries>>();

export function readArticleRows(tx: Db, id: string): ArticleRows | undefined {
  const client = clientOf(tx);
  let q = queries.get(client);
  if (!q) queries.set(client, (q = articleQueries(tx)));
  const found = q.article.get({ id });
  if (!found) return undefined;
  return {
    article: found.articles,
    publication: found.publications,
    topics: q.topics.all({ id }).map((t) => t.topic),
    links: q.links.all({ id }),
    mentions: q.mentions.all({ id }),
    recommendations: q.recommendations.all({ id }),
    partners: q.partners.all({ id }),
    quotations: q.quotations.all({ id }),
    actorNames: new Map(q.actorNames.all({ id }).map((a) => [a.id, a.name])),
  };
}
