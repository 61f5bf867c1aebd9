// The inverse of ingest: an article as the ingest document that would recreate it, with explicit
// ids, mentions and anchors, so export -> import reproduces every GET (timestamps aside).
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
import { CodePoints, resolveAnchor } from '../../ingest/anchors.js';
import type { EvidenceInput, IngestDocument } from '../../schemas/ingest.js';

/**
 * The shortest evidence that singles out the words at code point `start`: `exact` alone when it
 * is unique, else with as much preceding (or, at the very start, following) text as it takes.
 */
function anchorAt(points: CodePoints, exact: string, start: number): EvidenceInput {
  if (resolveAnchor(points, { exact }).ok) return { exact };
  const chars = Array.from(points.text);
  const before = chars.slice(0, start).join('');
  const after = chars.slice(start + Array.from(exact).length).join('');
  for (let n = 8; ; n *= 2) {
    const context = before ? { prefix: before.slice(-n) } : { suffix: after.slice(0, n) };
    const found = resolveAnchor(points, { exact, ...context });
    const whole = (context.prefix ?? context.suffix ?? '').length >= (before || after).length;
    if ((found.ok && found.span.start === start) || whole) return { exact, ...context };
  }
}

export function exportArticle(db: Db, id: string): IngestDocument | undefined {
  return db.transaction((tx) => {
    const a = tx
      .select()
      .from(articles)
      .innerJoin(publications, eq(publications.id, articles.publicationId))
      .where(eq(articles.id, id))
      .get();
    if (!a) return undefined;
    const { articles: article, publications: publication } = a;
    const points = new CodePoints(article.body);

    const links = tx
      .select()
      .from(articleActors)
      .innerJoin(actors, eq(actors.id, articleActors.actorId))
      .where(eq(articleActors.articleId, id))
      .orderBy(asc(articleActors.ordinal))
      .all();
    const mentions = tx
      .select()
      .from(actorMentions)
      .where(eq(actorMentions.articleId, id))
      .orderBy(asc(actorMentions.start))
      .all();
    const recs = tx
      .select()
      .from(recommendations)
      .where(eq(recommendations.articleId, id))
      .orderBy(asc(recommendations.ordinal))
      .all();
    const partners = recs.length
      ? tx
          .select()
          .from(recommendationPartners)
          .where(inArray(recommendationPartners.recommendationId, recs.map((r) => r.id)))
          .orderBy(asc(recommendationPartners.ordinal))
          .all()
      : [];
    const quotes = tx
      .select()
      .from(quotations)
      .innerJoin(sources, eq(sources.id, quotations.sourceId))
      .where(eq(quotations.articleId, id))
      .orderBy(asc(quotations.ordinal))
      .all();
    const topics = tx
      .select({ topic: articleTopics.topic })
      .from(articleTopics)
      .where(eq(articleTopics.articleId, id))
      .orderBy(asc(articleTopics.ordinal))
      .all();

    const evidence = (e: { evidenceExact: string; evidencePrefix: string | null; evidenceSuffix: string | null }) => ({
      exact: e.evidenceExact,
      ...(e.evidencePrefix !== null ? { prefix: e.evidencePrefix } : {}),
      ...(e.evidenceSuffix !== null ? { suffix: e.evidenceSuffix } : {}),
    });

    return {
      id: article.id,
      headline: article.headline,
      kind: article.kind as IngestDocument['kind'],
      publication: { id: publication.id, name: publication.name, url: publication.url },
      author: article.author,
      datePublished: article.datePublished,
      language: article.language,
      url: article.url,
      topics: topics.map((t) => t.topic),
      body: article.body,
      actors: links.map(({ article_actors: link, actors: actor }) => ({
        id: actor.id,
        name: actor.name,
        type: actor.type as IngestDocument['actors'][number]['type'],
        description: actor.description,
        aliases: actor.aliases,
        roles: link.roles as IngestDocument['actors'][number]['roles'],
        portrayal: link.portrayal as IngestDocument['actors'][number]['portrayal'],
        mentions: mentions
          .filter((m) => m.actorId === actor.id)
          .map((m) => anchorAt(points, m.exact, m.start)),
      })),
      recommendations: recs.map((r) => ({
        id: r.id,
        addressee: r.addresseeId,
        statement: r.statement,
        strength: r.strength as IngestDocument['recommendations'][number]['strength'],
        priority: r.priority,
        domain: r.domain,
        instruments: r.instruments,
        partners: partners.filter((p) => p.recommendationId === r.id).map((p) => p.actorId),
        against: r.against,
        evidence: evidence(r),
      })),
      quotations: quotes.map(({ quotations: q, sources: s }) => ({
        id: q.id,
        source: { id: s.id, name: s.name, type: s.type as IngestDocument['quotations'][number]['source']['type'], description: s.description, actor: s.actorId },
        kind: q.kind as IngestDocument['quotations'][number]['kind'],
        verb: q.verb,
        claim: q.claim,
        evidence: evidence(q),
      })),
    };
  });
}

/** Every article id, oldest first, for a streaming export. */
export function articleIds(db: Db): string[] {
  return db
    .select({ id: articles.id })
    .from(articles)
    .orderBy(asc(articles.datePublished), asc(articles.id))
    .all()
    .map((r) => r.id);
}
