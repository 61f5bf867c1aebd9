import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { actorMentions, actors, articleActors, recommendations } from '../../../db/schema.js';
import { paginate } from './pagination.js';
import { ACTORS_BY_NAME, ARTICLE_ACTORS_IN_ORDER } from '../sorts.js';
import { type PageQuery, type Page } from '../../shared/pagination.js';
import { matchesText } from './search.js';
import { provenanceOf } from '../documents.js';
import type { Actor, ActorListQuery, ArticleActor } from '../../schemas/actors.js';
import type { KnownActor } from '../../ingest/rules.js';

function selectActors(db: Db) {
  return db
    .select({
      id: actors.id,
      name: actors.name,
      type: actors.type,
      description: actors.description,
      aliases: actors.aliases,
      // Spelled out: with no join drizzle writes a bare "id", which the subquery would take as its own.
      articleCount: sql<number>`(SELECT count(*) FROM ${articleActors} aa WHERE aa.actor_id = "actors"."id")`,
      recommendationCount: sql<number>`(SELECT count(*) FROM ${recommendations} r WHERE r.addressee_id = "actors"."id")`,
      createdAt: actors.createdAt,
      updatedAt: actors.updatedAt,
    })
    .from(actors);
}

type ActorRow = ReturnType<ReturnType<typeof selectActors>['all']>[number];

const toActor = (r: ActorRow): Actor => ({ ...r, type: r.type });

export function listActors(db: Db, q: ActorListQuery): Page<Actor> {
  return paginate(db, q, ACTORS_BY_NAME, (p) => and(matchesText(actors, p.q), p.type ? eq(actors.type, p.type) : undefined), {
    table: actors,
    rows: (where, order, limit) => selectActors(db).where(where).orderBy(...order).limit(limit),
    map: toActor,
  });
}

export function getActor(db: Db, id: string): Actor | undefined {
  const row = selectActors(db).where(eq(actors.id, id)).get();
  return row && toActor(row);
}

export function actorExists(db: Db, id: string): boolean {
  return !!db.select({ id: actors.id }).from(actors).where(eq(actors.id, id)).get();
}

const mentionsJson = sql<string>`(
  SELECT json_group_array(json_object('exact', m.exact, 'start', m.start, 'end', m."end")) FROM (
    SELECT exact, start, "end" FROM ${actorMentions} m
    WHERE m.article_id = ${articleActors.articleId} AND m.actor_id = ${articleActors.actorId} ORDER BY m.start
  ) AS m
)`;

function selectArticleActors(db: Db) {
  return db
    .select({
      id: actors.id,
      name: actors.name,
      type: actors.type,
      ordinal: articleActors.ordinal,
      actorId: articleActors.actorId,
      roles: articleActors.roles,
      portrayal: articleActors.portrayal,
      provenanceMethod: articleActors.provenanceMethod,
      provenanceRule: articleActors.provenanceRule,
      provenanceConfidence: articleActors.provenanceConfidence,
      provenanceReviewed: articleActors.provenanceReviewed,
      mentions: mentionsJson,
    })
    .from(articleActors)
    .innerJoin(actors, eq(actors.id, articleActors.actorId));
}

type ArticleActorRow = ReturnType<ReturnType<typeof selectArticleActors>['all']>[number];

const toArticleActor = (r: ArticleActorRow): ArticleActor => ({
  id: r.id,
  name: r.name,
  type: r.type,
  roles: r.roles,
  portrayal: r.portrayal,
  mentions: JSON.parse(r.mentions) as ArticleActor['mentions'],
  provenance: provenanceOf(r),
});

/** An article's actors in the order the document lists them. */
export function listArticleActors(db: Db, articleId: string, q: PageQuery): Page<ArticleActor> {
  return paginate(db, { ...q, articleId }, ARTICLE_ACTORS_IN_ORDER, (p) => eq(articleActors.articleId, p.articleId), {
    table: articleActors,
    rows: (where, order, limit) => selectArticleActors(db).where(where).orderBy(...order).limit(limit),
    map: toArticleActor,
  });
}


/** Registry entries any of whose names or aliases equals one of `names`, ignoring case. */
export function actorsNamed(db: Db, names: string[]): KnownActor[] {
  if (names.length === 0) return [];
  const wanted = JSON.stringify([...new Set(names.map((n) => n.toLowerCase()))]);
  return db
    .select({ id: actors.id, name: actors.name, type: actors.type, aliases: actors.aliases })
    .from(actors)
    .where(
      sql`lower(${actors.name}) IN (SELECT value FROM json_each(${wanted}))
          OR EXISTS (SELECT 1 FROM json_each(${actors.aliases}) a WHERE lower(a.value) IN (SELECT value FROM json_each(${wanted})))`,
    )
    .all();
}
