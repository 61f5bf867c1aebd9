// The one store every layer above the database talks to: routes, the ingest commands, the CLIs and
// the caches. Two engines implement it, SQLite (embedded, the default) and PostgreSQL; nothing
// above this interface knows which one it has. Reads that the API serves as stored JSON documents
// answer JSON text, so a route sends them without parsing or serializing again.
import type { IngestDocument } from '../schemas/ingest.js';
import type { Actor, ActorListQuery, ArticleActor } from '../schemas/actors.js';
import type { ArticleInclude, ArticleListQuery } from '../schemas/articles.js';
import type { QuotationListQuery } from '../schemas/quotations.js';
import type { RecommendationListQuery } from '../schemas/recommendations.js';
import type { SearchHit, SearchQuery } from '../schemas/search.js';
import type { Source, SourceListQuery } from '../schemas/sources.js';
import type { Page, PageQuery } from '../shared/pagination.js';
import type { Change, ChangeListQuery } from '../schemas/changes.js';
import type { ArticleRevision } from '../schemas/revisions.js';
import type { KeyInfo, Scope } from '../shared/keys.js';
import type { KnownActor } from '../ingest/rules.js';
import type { ArticleJson } from './documents.js';

export type IngestMode = 'create' | 'replace' | 'upsert';

export interface IngestResult {
  id: string;
  /** created: new article; replaced: an existing one rewritten; unchanged: identical document. */
  outcome: 'created' | 'replaced' | 'unchanged';
}

export interface WriteOptions {
  /** The time recorded as updatedAt (and createdAt for a new article). */
  now?: string;
  /**
   * Runs first inside the write transaction, with the article's id and the article as
   * GET /v1/articles/{id} serves it, ETag included (undefined when there is none); throw to
   * refuse the write. The write API honours If-Match here, without a race.
   */
  precondition?: (id: string, current: ArticleJson | undefined) => void;
  /**
   * Check without writing: every rule, the precondition and the article as it would be written,
   * in the write's own transaction, which is then rolled back. Answers what a write would, or
   * throws what it would throw; nothing is stored and no data version moves.
   */
  dryRun?: boolean;
}

/** A written article as GET serves it, read inside the write's own transaction. */
export interface ArticleWritten extends IngestResult {
  article: ArticleJson;
}

/** A revision's stored documents: spliced as GET /v1/articles/{id} splices the live ones. */
export interface StoredRevision {
  summary: string;
  body: string;
  actors: string;
  recommendations: string;
  quotations: string;
}

/** Thrown inside a dry run's transaction to roll it back; carries what the write would have answered. */
export class DryRun extends Error {
  constructor(readonly written: ArticleWritten) {
    super('dry run: rolled back');
    this.name = 'DryRun';
  }
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';

  listArticles(q: ArticleListQuery): Promise<Page<string>>;
  /** The article as GET /v1/articles/{id} serves it, with the included parts: its bytes, ETag and revision. */
  articleJson(id: string, include?: ReadonlySet<ArticleInclude>): Promise<ArticleJson | undefined>;
  listArticleActors(articleId: string, q: PageQuery): Promise<Page<ArticleActor>>;

  listActors(q: ActorListQuery): Promise<Page<Actor>>;
  getActor(id: string): Promise<Actor | undefined>;
  actorExists(id: string): Promise<boolean>;
  /** Registry entries any of whose names or aliases equals one of `names` (case-insensitively). */
  actorsNamed(names: string[]): Promise<KnownActor[]>;

  listRecommendations(q: RecommendationListQuery): Promise<Page<string>>;
  recommendationJson(id: string): Promise<string | undefined>;
  listQuotations(q: QuotationListQuery): Promise<Page<string>>;
  quotationJson(id: string): Promise<string | undefined>;
  listSources(q: SourceListQuery): Promise<Page<Source>>;
  getSource(id: string): Promise<Source | undefined>;

  search(q: SearchQuery): Promise<Page<SearchHit>>;

  /**
   * Checks a structurally valid document against its body and the registry (src/ingest/rules.ts)
   * and writes the article with all its parts in one transaction. Throws IngestError (409/422)
   * and writes nothing when a check fails.
   * - create: refuses an id that exists (409)
   * - replace and upsert: rewrite an existing article; upsert leaves an identical document alone
   */
  writeArticle(doc: IngestDocument, mode: IngestMode, options?: WriteOptions): Promise<ArticleWritten>;
  /**
   * Many documents in one transaction, each in a savepoint of its own: a refused document rolls
   * back alone (its error in its place) and the others land together.
   */
  writeArticles(docs: IngestDocument[], mode: IngestMode, nowOf?: (doc: IngestDocument) => string): Promise<Array<IngestResult | Error>>;
  /** Deletes an article and its parts; actors, sources and publications stay. False when absent. */
  deleteArticle(id: string, options?: Pick<WriteOptions, 'precondition'>): Promise<boolean>;

  /** The article's current revision; undefined when there is no such article. */
  articleRevision(id: string): Promise<number | undefined>;
  /** Its stored revisions, oldest first; undefined when it has none (never written, or purged). */
  listRevisions(articleId: string, q: PageQuery): Promise<Page<ArticleRevision> | undefined>;
  /** One revision's documents as they were served, also after a delete. */
  storedRevision(articleId: string, revision: number): Promise<StoredRevision | undefined>;
  /**
   * Deletes every stored revision of a deleted article (an explicit admin act: citations of it
   * then break); the number deleted. Refuses (409) while the article exists.
   */
  purgeRevisions(articleId: string): Promise<number>;
  /** The change feed after `since`, in seq order: each entity's latest change, tombstones kept. */
  listChanges(q: ChangeListQuery): Promise<Page<Change>>;

  /** Every article id, for export. */
  articleIds(): Promise<string[]>;
  /** The ingest document that would recreate the article (explicit ids, mentions and anchors). */
  exportArticle(id: string): Promise<IngestDocument | undefined>;

  createKey(name: string, scopes: Scope[], now?: string): Promise<string>;
  listKeys(): Promise<KeyInfo[]>;
  revokeKey(name: string, now?: string): Promise<void>;
  /** The scopes of a valid, unrevoked key, or undefined. Records when it was last used. */
  verifyKey(key: string, now?: string): Promise<Scope[] | undefined>;

  /** Changes whenever any process commits a write: what the response cache is keyed on. */
  dataVersion(): Promise<string>;
  /**
   * Read-your-writes across nodes: from now on this node's reads show at least the data version a
   * client names (a `Data-Version` it got from a write on any node). PostgreSQL with replicas
   * reads from the primary until they catch up; SQLite's single file always shows every write.
   */
  readAtLeast(version: string): Promise<void>;
  /** The data version after this node's latest write, when the engine numbers them (PostgreSQL). */
  writtenVersion(): string | undefined;
  /** Resolves when the database answers a query. */
  health(): Promise<void>;
  close(): Promise<void>;
}
