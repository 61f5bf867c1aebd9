// Reads on PostgreSQL: the same lists, filters, sorts and stored documents as the SQLite engine
// (src/store/sqlite/*), written against the pg-core tables. Stored documents are served as the
// text written at write time, so their bytes are the same on both engines.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { PgDb } from '../../../db/client.postgres.js';
import * as schema from '../../../db/schema.postgres.js';
import { provenanceOf } from '../documents.js';
import { articleFilters, quotationFilters, recommendationFilters } from '../filters.js';
import { articleEtag, spliceArticle, type ArticleJson } from '../documents.js';
import {
  actorMentions,
  actors,
  articleActors,
  articleDocuments,
  articles,
  quotations,
  recommendations,
  sources,
} from '../../../db/schema.postgres.js';
import type { KnownActor } from '../../ingest/rules.js';
import type { Actor, ActorListQuery, ArticleActor } from '../../schemas/actors.js';
import { type ArticleInclude, type ArticleListQuery } from '../../schemas/articles.js';
import type { QuotationListQuery } from '../../schemas/quotations.js';
import type { RecommendationListQuery } from '../../schemas/recommendations.js';
import type { Source, SourceListQuery } from '../../schemas/sources.js';
import type { Page, PageQuery } from '../../shared/pagination.js';
import { compileQuery } from '../../shared/search-query.js';
import {
  ACTORS_BY_NAME,
  ARTICLE_ACTORS_IN_ORDER,
  ARTICLE_SORTS,
  QUOTATION_SORTS,
  RECOMMENDATION_SORTS,
  SOURCES_BY_NAME,
  type SortSpec,
} from '../sorts.js';
import { paginate } from './pagination.js';
import { runPrepared } from './statements.js';
import { compileTsQuery } from './search-query.js';

/** A list's `q` filter: rows whose `search` column matches the query (the /v1/search syntax). */
export function matchesText(table: PgTable & { seq: PgColumn }, q: string | undefined): SQL | undefined {
  if (q === undefined) return undefined;
  return sql`${table}.search @@ (${compileTsQuery(compileQuery(q).clauses)})`;
}

const columnsOf = <T extends PgTable>(table: T, spec: SortSpec) =>
  spec.keys.map((k) => ({ ...k, column: (table as unknown as Record<string, PgColumn>)[k.key]! }));

const toInt = (column: SQL) => sql<number>`(${column})::int`;

/** PostgreSQL text cannot hold NUL, so no stored id does: such an id is simply not found. */
const unstorable = (id: string) => id.includes('\u0000');

export function listArticles(db: PgDb, q: ArticleListQuery): Promise<Page<string>> {
  const spec = ARTICLE_SORTS[q.sort ?? '-datePublished'];
  return paginate(db, q, { name: spec.name, keys: columnsOf(articles, spec).map(keyOf) }, articleFilters(schema, q, matchesText(articles, q.q)), {
    table: articles,
    rows: (where, order, limit) =>
      db
        .select({ id: articles.id, headline: articles.headline, datePublished: articles.datePublished, summary: articleDocuments.summary })
        .from(articles)
        .innerJoin(articleDocuments, eq(articleDocuments.articleId, articles.id))
        .where(where)
        .orderBy(...order)
        .limit(limit),
    map: (row) => row.summary,
  });
}

/** A key of a spec as the paginator wants it: the column, and the row field of the same name. */
function keyOf<Row>(k: { key: string; desc?: boolean; column: PgColumn }) {
  return { column: k.column, desc: k.desc, value: (row: Row) => (row as Record<string, string | number>)[k.key]! };
}

/**
 * The article as GET /v1/articles/{id} serves it: its stored summary with the included parts
 * spliced in, in the schema's key order (the same splice as the SQLite engine's).
 */
export async function articleJson(db: PgDb, id: string, include: ReadonlySet<ArticleInclude> = new Set()): Promise<ArticleJson | undefined> {
  if (unstorable(id)) return undefined;
  const [row] = await runPrepared(
    db
      .select({
        summary: articleDocuments.summary,
        digests: articleDocuments.digests,
        revision: articles.revision,
        body: include.has('body') ? articles.body : sql<string>`NULL`,
        actors: include.has('actors') ? articleDocuments.actors : sql<string>`NULL`,
        recommendations: include.has('recommendations') ? articleDocuments.recommendations : sql<string>`NULL`,
        quotations: include.has('quotations') ? articleDocuments.quotations : sql<string>`NULL`,
      })
      .from(articleDocuments)
      .innerJoin(articles, eq(articles.id, articleDocuments.articleId))
      .where(eq(articleDocuments.articleId, id)),
  );
  return row && { json: spliceArticle(row.summary, row, include), etag: articleEtag(row.digests, include), revision: row.revision };
}

const actorColumns = {
  id: actors.id,
  name: actors.name,
  type: actors.type,
  description: actors.description,
  aliases: actors.aliases,
  articleCount: toInt(sql`SELECT count(*) FROM ${articleActors} aa WHERE aa.actor_id = ${actors.id}`),
  recommendationCount: toInt(sql`SELECT count(*) FROM ${recommendations} r WHERE r.addressee_id = ${actors.id}`),
  createdAt: actors.createdAt,
  updatedAt: actors.updatedAt,
};

export function listActors(db: PgDb, q: ActorListQuery): Promise<Page<Actor>> {
  const where = and(matchesText(actors, q.q), q.type ? eq(actors.type, q.type) : undefined);
  return paginate(db, q, { name: ACTORS_BY_NAME.name, keys: columnsOf(actors, ACTORS_BY_NAME).map(keyOf) }, where, {
    table: actors,
    rows: (where, order, limit) => db.select(actorColumns).from(actors).where(where).orderBy(...order).limit(limit),
    map: (row) => row,
  });
}

export async function getActor(db: PgDb, id: string): Promise<Actor | undefined> {
  if (unstorable(id)) return undefined;
  const [row] = await db.select(actorColumns).from(actors).where(eq(actors.id, id));
  return row;
}

/** Registry entries any of whose names or aliases equals one of `names`, ignoring case. */
export function actorsNamed(db: PgDb, names: string[]): Promise<KnownActor[]> {
  if (names.length === 0) return Promise.resolve([]);
  const wanted = sql.join(
    [...new Set(names.map((n) => n.toLowerCase()))].filter((n) => !unstorable(n)).map((n) => sql`${n}`),
    sql`, `,
  );
  return db
    .select({ id: actors.id, name: actors.name, type: actors.type, aliases: actors.aliases })
    .from(actors)
    .where(
      sql`lower(${actors.name}) IN (${wanted})
          OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${actors.aliases}) a WHERE lower(a) IN (${wanted}))`,
    );
}

export async function actorExists(db: PgDb, id: string): Promise<boolean> {
  if (unstorable(id)) return false;
  return (await db.select({ id: actors.id }).from(actors).where(eq(actors.id, id))).length > 0;
}

/** An article's actors in the order the document lists them, each with its mentions. */
export async function listArticleActors(db: PgDb, articleId: string, q: PageQuery): Promise<Page<ArticleActor>> {
  const page = await paginate(
    db,
    q,
    { name: ARTICLE_ACTORS_IN_ORDER.name, keys: columnsOf(articleActors, ARTICLE_ACTORS_IN_ORDER).map(keyOf) },
    eq(articleActors.articleId, articleId),
    {
      table: articleActors,
      rows: (where, order, limit) =>
        db
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
          })
          .from(articleActors)
          .innerJoin(actors, eq(actors.id, articleActors.actorId))
          .where(where)
          .orderBy(...order)
          .limit(limit),
      map: (row): ArticleActor => ({
        id: row.id,
        name: row.name,
        type: row.type,
        roles: row.roles,
        portrayal: row.portrayal,
        mentions: [],
        provenance: provenanceOf(row),
      }),
    },
  );
  if (page.data.length) {
    const mentions = await db
      .select({ actorId: actorMentions.actorId, exact: actorMentions.exact, start: actorMentions.start, end: actorMentions.end })
      .from(actorMentions)
      .where(and(eq(actorMentions.articleId, articleId), inArray(actorMentions.actorId, page.data.map((a) => a.id))))
      .orderBy(actorMentions.start);
    for (const actor of page.data) {
      actor.mentions = mentions.filter((m) => m.actorId === actor.id).map(({ exact, start, end }) => ({ exact, start, end }));
    }
  }
  return page;
}

export function listRecommendations(db: PgDb, q: RecommendationListQuery): Promise<Page<string>> {
  const spec = RECOMMENDATION_SORTS[q.sort ?? '-datePublished'];
  return paginate(db, q, { name: spec.name, keys: columnsOf(recommendations, spec).map(keyOf) }, recommendationFilters(schema, q, matchesText(recommendations, q.q)), {
    table: recommendations,
    rows: (where, order, limit) =>
      db
        .select({
          id: recommendations.id,
          articleId: recommendations.articleId,
          datePublished: recommendations.datePublished,
          priority: recommendations.priority,
          document: recommendations.document,
        })
        .from(recommendations)
        .where(where)
        .orderBy(...order)
        .limit(limit),
    map: (row) => row.document!,
  });
}

export async function recommendationJson(db: PgDb, id: string): Promise<string | undefined> {
  if (unstorable(id)) return undefined;
  const [row] = await db.select({ document: recommendations.document }).from(recommendations).where(eq(recommendations.id, id));
  return row?.document ?? undefined;
}

export function listQuotations(db: PgDb, q: QuotationListQuery): Promise<Page<string>> {
  const spec = QUOTATION_SORTS[q.sort ?? '-datePublished'];
  return paginate(db, q, { name: spec.name, keys: columnsOf(quotations, spec).map(keyOf) }, quotationFilters(schema, q, matchesText(quotations, q.q)), {
    table: quotations,
    rows: (where, order, limit) =>
      db
        .select({
          id: quotations.id,
          articleId: quotations.articleId,
          datePublished: quotations.datePublished,
          evidenceStart: quotations.evidenceStart,
          document: quotations.document,
        })
        .from(quotations)
        .where(where)
        .orderBy(...order)
        .limit(limit),
    map: (row) => row.document!,
  });
}

export async function quotationJson(db: PgDb, id: string): Promise<string | undefined> {
  if (unstorable(id)) return undefined;
  const [row] = await db.select({ document: quotations.document }).from(quotations).where(eq(quotations.id, id));
  return row?.document ?? undefined;
}

const sourceColumns = {
  id: sources.id,
  name: sources.name,
  type: sources.type,
  description: sources.description,
  actorId: sources.actorId,
  actorName: actors.name,
  quotationCount: toInt(sql`SELECT count(*) FROM ${quotations} q WHERE q.source_id = ${sources.id}`),
  createdAt: sources.createdAt,
  updatedAt: sources.updatedAt,
};

const toSource = ({ actorId, actorName, ...r }: { actorId: string | null; actorName: string | null } & Omit<Source, 'actor'>): Source => ({
  id: r.id,
  name: r.name,
  type: r.type,
  description: r.description,
  actor: actorId && actorName !== null ? { id: actorId, name: actorName } : null,
  quotationCount: r.quotationCount,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function listSources(db: PgDb, q: SourceListQuery): Promise<Page<Source>> {
  return paginate(
    db,
    q,
    { name: SOURCES_BY_NAME.name, keys: columnsOf(sources, SOURCES_BY_NAME).map(keyOf) },
    q.type ? eq(sources.type, q.type) : undefined,
    {
      table: sources,
      rows: (where, order, limit) =>
        db.select(sourceColumns).from(sources).leftJoin(actors, eq(actors.id, sources.actorId)).where(where).orderBy(...order).limit(limit),
      map: toSource,
    },
  );
}

export async function getSource(db: PgDb, id: string): Promise<Source | undefined> {
  if (unstorable(id)) return undefined;
  const [row] = await db.select(sourceColumns).from(sources).leftJoin(actors, eq(actors.id, sources.actorId)).where(eq(sources.id, id));
  return row && toSource(row);
}
