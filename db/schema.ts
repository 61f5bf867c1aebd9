// The storage model: the one source of truth for tables, read by drizzle-kit to generate
// migrations/ and by the repositories for typed queries. Dates are ISO strings in text columns;
// list-valued attributes are JSON text columns whose shape is fixed by the ingest schema.
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { ActorRoles, ActorTypes, ArticleKinds, ChangeActions, ChangeTypes, Portrayals, ProvenanceMethods, QuotationKinds, Scopes, SourceTypes, Strengths } from './vocabularies.js';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** An evidence anchor: the exact words plus code-point offsets into the article body. */
const evidence = {
  evidenceExact: text('evidence_exact').notNull(),
  evidencePrefix: text('evidence_prefix'),
  evidenceSuffix: text('evidence_suffix'),
  evidenceStart: integer('evidence_start').notNull(),
  evidenceEnd: integer('evidence_end').notNull(),
};

/**
 * Who read a datum off the text and whether an analyst has confirmed it. Rows written before
 * provenance existed were all analysts' work: analyst, reviewed. Rule and confidence are the
 * assisted reader's, null for an analyst's datum.
 */
const provenance = {
  provenanceMethod: text('provenance_method', { enum: ProvenanceMethods }).notNull().default('analyst'),
  provenanceRule: text('provenance_rule'),
  provenanceConfidence: real('provenance_confidence'),
  provenanceReviewed: integer('provenance_reviewed', { mode: 'boolean' }).notNull().default(true),
};

export const publications = sqliteTable('publications', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url'),
});

export const articles = sqliteTable(
  'articles',
  {
    /** Integer row key: stable across VACUUM, so the full-text index can point at it. */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    headline: text('headline').notNull(),
    kind: text('kind', { enum: ArticleKinds }).notNull(),
    publicationId: text('publication_id')
      .notNull()
      .references(() => publications.id, { onDelete: 'restrict' }),
    author: text('author'),
    datePublished: text('date_published').notNull(),
    language: text('language').notNull(),
    url: text('url'),
    body: text('body').notNull(),
    wordCount: integer('word_count').notNull(),
    /** sha256 of the canonical ingest document: an unchanged re-import is a no-op. */
    contentHash: text('content_hash').notNull(),
    /** The article's revision: 1 when first written, one more with every version it is served in. */
    revision: integer('revision').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('articles_date_idx').on(t.datePublished, t.id),
    index('articles_headline_idx').on(t.headline, t.id),
    // A publication's articles by headline: the page in index order, without sorting them all.
    index('articles_publication_headline_idx').on(t.publicationId, t.headline, t.id),
    index('articles_publication_date_idx').on(t.publicationId, t.datePublished, t.id),
    index('articles_kind_date_idx').on(t.kind, t.datePublished, t.id),
  ],
);

/**
 * Each article as the API serves it, materialized as JSON by the ingest module at write time, so a
 * read is one indexed lookup returning text. Rebuilt whenever the article, or an actor, source or
 * publication it shows, changes.
 */
export const articleDocuments = sqliteTable('article_documents', {
  articleId: text('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  /** The Article without body or parts. */
  summary: text('summary').notNull(),
  actors: text('actors').notNull(),
  recommendations: text('recommendations').notNull(),
  quotations: text('quotations').notNull(),
  /** The digests of the summary, the body and each part (src/store/documents.ts): what ETags are made of. */
  digests: text('digests').notNull(),
});

export const articleTopics = sqliteTable(
  'article_topics',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.topic] }),
    index('article_topics_topic_idx').on(t.topic, t.articleId),
  ],
);

export const actors = sqliteTable(
  'actors',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    name: text('name').notNull(),
    type: text('type', { enum: ActorTypes }).notNull(),
    description: text('description'),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    ...timestamps,
  },
  (t) => [index('actors_name_idx').on(t.name, t.id), index('actors_type_name_idx').on(t.type, t.name, t.id)],
);

export const articleActors = sqliteTable(
  'article_actors',
  {
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    ordinal: integer('ordinal').notNull(),
    roles: text('roles', { mode: 'json' }).$type<Array<(typeof ActorRoles)[number]>>().notNull(),
    portrayal: text('portrayal', { enum: Portrayals }).notNull(),
    ...provenance,
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.actorId] }),
    index('article_actors_actor_idx').on(t.actorId, t.articleId),
  ],
);

export const actorMentions = sqliteTable(
  'actor_mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: text('article_id').notNull(),
    actorId: text('actor_id').notNull(),
    exact: text('exact').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.articleId, t.actorId],
      foreignColumns: [articleActors.articleId, articleActors.actorId],
    }).onDelete('cascade'),
    index('actor_mentions_article_actor_idx').on(t.articleId, t.actorId, t.start),
  ],
);

export const recommendations = sqliteTable(
  'recommendations',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Copied from the article by the ingest writer so date filters and sorts use one index. */
    datePublished: text('date_published').notNull(),
    ordinal: integer('ordinal').notNull(),
    addresseeId: text('addressee_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    statement: text('statement').notNull(),
    strength: text('strength', { enum: Strengths }).notNull(),
    priority: integer('priority').notNull(),
    domain: text('domain').notNull(),
    instruments: text('instruments', { mode: 'json' }).$type<string[]>().notNull(),
    against: text('against', { mode: 'json' }).$type<string[]>().notNull(),
    ...evidence,
    ...provenance,
    /** The Recommendation as the API serves it, JSON, written by the ingest module. */
    document: text('document'),
  },
  (t) => [
    // The default order: newest first, then each article's recommendations by priority.
    index('recommendations_date_idx').on(sql`${t.datePublished} DESC`, t.articleId, t.priority, t.id),
    index('recommendations_date_asc_idx').on(t.datePublished, t.articleId, t.priority, t.id),
    index('recommendations_article_idx').on(t.articleId, t.priority),
    // An actor's recommendations in each sort's own key order, so a page reads its rows and no
    // more (with fewer keys, every recommendation of a much-addressed actor was read and sorted).
    index('recommendations_addressee_date_idx').on(t.addresseeId, sql`${t.datePublished} DESC`, t.articleId, t.priority, t.id),
    index('recommendations_addressee_date_asc_idx').on(t.addresseeId, t.datePublished, t.articleId, t.priority, t.id),
    index('recommendations_addressee_priority_idx').on(t.addresseeId, t.priority, sql`${t.datePublished} DESC`, t.id),
    // With a strength as well: without it the count of such a page walked every recommendation of that strength.
    index('recommendations_addressee_strength_idx').on(t.addresseeId, t.strength, sql`${t.datePublished} DESC`, t.id),
    index('recommendations_domain_idx').on(t.domain, t.datePublished),
    index('recommendations_strength_idx').on(t.strength, t.datePublished),
    index('recommendations_reviewed_idx').on(t.provenanceReviewed, t.datePublished),
    index('recommendations_method_idx').on(t.provenanceMethod, t.datePublished),
    index('recommendations_priority_idx').on(t.priority, t.datePublished),
  ],
);

export const recommendationPartners = sqliteTable(
  'recommendation_partners',
  {
    recommendationId: text('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'restrict' }),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.actorId] }),
    index('recommendation_partners_actor_idx').on(t.actorId, t.recommendationId),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type', { enum: SourceTypes }).notNull(),
    description: text('description'),
    actorId: text('actor_id').references(() => actors.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('sources_name_idx').on(t.name, t.id),
    index('sources_type_name_idx').on(t.type, t.name, t.id),
    index('sources_actor_idx').on(t.actorId),
  ],
);

export const quotations = sqliteTable(
  'quotations',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    datePublished: text('date_published').notNull(),
    ordinal: integer('ordinal').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: QuotationKinds }).notNull(),
    verb: text('verb').notNull(),
    claim: text('claim').notNull(),
    ...evidence,
    ...provenance,
    /** The Quotation as the API serves it, JSON, written by the ingest module. */
    document: text('document'),
  },
  (t) => [
    index('quotations_date_idx').on(sql`${t.datePublished} DESC`, t.articleId, t.evidenceStart, t.id),
    index('quotations_date_asc_idx').on(t.datePublished, t.articleId, t.evidenceStart, t.id),
    index('quotations_article_idx').on(t.articleId, t.evidenceStart),
    index('quotations_source_idx').on(t.sourceId, t.datePublished),
    index('quotations_kind_idx').on(t.kind, t.datePublished),
    index('quotations_reviewed_idx').on(t.provenanceReviewed, t.datePublished),
    index('quotations_method_idx').on(t.provenanceMethod, t.datePublished),
  ],
);

/** API keys for writes. Only a hash of the secret is stored; the key itself is shown once. */
export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** The public part of the key (`eda_<publicId>_<secret>`), used to find the row. */
  publicId: text('public_id').notNull().unique(),
  /** sha256 of the secret part, hex. */
  secretHash: text('secret_hash').notNull(),
  scopes: text('scopes', { mode: 'json' }).$type<Array<(typeof Scopes)[number]>>().notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
});

/**
 * Every version of every article as it was served, kept when the article is replaced or deleted
 * (until an explicit purge), so a citation of revision N reads the same bytes for ever. The
 * columns are article_documents' plus the body: GET ?revision=N splices them as GET does.
 */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    articleId: text('article_id').notNull(),
    revision: integer('revision').notNull(),
    /** The article's updatedAt in this revision. */
    updatedAt: text('updated_at').notNull(),
    /** When this revision was written (an implied one, after a renamed actor, keeps updatedAt). */
    recordedAt: text('recorded_at').notNull(),
    /** The article's content hash in this revision (sha256 of its canonical ingest document). */
    contentHash: text('content_hash').notNull(),
    /** What changed from the previous revision (RevisionChanges), JSON. */
    changes: text('changes').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    actors: text('actors').notNull(),
    recommendations: text('recommendations').notNull(),
    quotations: text('quotations').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.revision] })],
);

/**
 * The change feed: one row per entity, its latest change (an entity changed again gets a new,
 * higher seq and its older row goes), deletes kept as tombstones. Written inside the write
 * transaction, under the one-writer lock, so seq order is commit order.
 */
export const changes = sqliteTable(
  'changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: ChangeTypes }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: ChangeActions }).notNull(),
    at: text('at').notNull(),
    /** The article's revision (for a delete: its last one); null for actors and sources. */
    revision: integer('revision'),
  },
  (t) => [uniqueIndex('changes_entity_idx').on(t.type, t.entityId)],
);
