// Writing articles to SQLite: each document in one BEGIN IMMEDIATE transaction that reads the
// registry snapshot, checks the rules (src/ingest/rules.ts), writes the rows, keeps the search
// index in step and rebuilds the stored documents, so a reader never sees half an article.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
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
import {
  contentHashOf,
  deriveArticleId,
  laterOf,
  mergeAliases,
  planArticle,
  registryKeys,
  type Plan,
  type Registry,
} from '../../ingest/rules.js';
import { IngestError } from '../../ingest/validate.js';
import { articleInsert } from '../rows.js';
import { DryRun } from '../store.js';
import type { IngestDocument } from '../../schemas/ingest.js';
import type { ArticleWritten, IngestMode, IngestResult, WriteOptions } from '../store.js';
import { articleJson } from './articles.js';
import { articlesShowing, materializeArticle } from './documents.js';
import { nextRevision, recordChange, recordRevision, reviseShown, sourcesShowing, touchedBy } from './history.js';
import { union } from '../history.js';
import { indexActor, indexArticle, unindexActor, unindexArticle } from './search-index.js';
import { clientOf, insertRow, markWritten } from './statements.js';

/** One document in one BEGIN IMMEDIATE transaction; answers the article as written, read inside it. */
export function writeOne(db: Db, doc: IngestDocument, mode: IngestMode, options: WriteOptions = {}): ArticleWritten {
  try {
    return db.transaction(
      (tx) => {
        const result = writeDocument(tx, doc, mode, options);
        const written = { ...result, article: articleJson(tx, result.id)! };
        // A dry run leaves by throwing, which rolls the transaction back.
        if (options.dryRun) throw new DryRun(written);
        return written;
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    if (err instanceof DryRun) return err.written;
    throw err;
  } finally {
    if (!options.dryRun) markWritten(db);
  }
}

/**
 * Many documents in one BEGIN IMMEDIATE transaction, each inside its own savepoint: a refused
 * document rolls back alone (its error is returned in its place) and the others land together.
 * A crash loses the uncommitted batch whole, never part of an article.
 */
export function writeMany(
  db: Db,
  docs: IngestDocument[],
  mode: IngestMode,
  nowOf?: (doc: IngestDocument) => string,
): Array<IngestResult | Error> {
  try {
    return db.transaction(
      (tx) =>
        docs.map((doc) => {
          try {
            return tx.transaction((savepoint) => writeDocument(savepoint, doc, mode, { now: nowOf?.(doc) }));
          } catch (err) {
            return err instanceof Error ? err : new Error(String(err));
          }
        }),
      { behavior: 'immediate' },
    );
  } finally {
    markWritten(db);
  }
}

/**
 * The registry lookups, compiled once per connection: each id list is bound as one JSON array
 * (json_each), so the same statement serves any number of ids.
 */
function registryQueries(db: Db) {
  const listed = (name: string) => sql`(SELECT value FROM json_each(${sql.placeholder(name)}))`;
  const owners = (table: typeof recommendations | typeof quotations) =>
    db
      .select({ id: table.id, articleId: table.articleId })
      .from(table)
      .where(and(inArray(table.id, listed('ids')), ne(table.articleId, sql.placeholder('articleId'))))
      .prepare();
  return {
    actors: db.select().from(actors).where(inArray(actors.id, listed('ids'))).prepare(),
    sources: db.select().from(sources).where(inArray(sources.id, listed('ids'))).prepare(),
    recommendationOwners: owners(recommendations),
    quotationOwners: owners(quotations),
  };
}
const registryStatements = new WeakMap<object, ReturnType<typeof registryQueries>>();

/** The registry entries and part ids the document names, as stored now. */
function readRegistry(tx: Db, articleId: string, doc: IngestDocument): Registry {
  const keys = registryKeys(articleId, doc);
  let q = registryStatements.get(clientOf(tx));
  if (!q) registryStatements.set(clientOf(tx), (q = registryQueries(tx)));
  const ids = (list: string[]) => JSON.stringify(list);
  const owners = (query: typeof q.recommendationOwners, list: string[]) =>
    new Map((list.length ? query.all({ ids: ids(list), articleId }) : []).map((r) => [r.id, r.articleId]));
  return {
    actors: new Map((keys.actorIds.length ? q.actors.all({ ids: ids(keys.actorIds) }) : []).map((a) => [a.id, a])),
    sources: new Map((keys.sourceIds.length ? q.sources.all({ ids: ids(keys.sourceIds) }) : []).map((s) => [s.id, s])),
    recommendationOwners: owners(q.recommendationOwners, keys.recommendationIds),
    quotationOwners: owners(q.quotationOwners, keys.quotationIds),
  };
}

function writeDocument(tx: Db, doc: IngestDocument, mode: IngestMode, options: WriteOptions): IngestResult {
  const { now = new Date().toISOString(), precondition } = options;
  const id = deriveArticleId(doc);
  const contentHash = contentHashOf(doc, id);
  const existing = tx
    .select({ createdAt: articles.createdAt, updatedAt: articles.updatedAt, contentHash: articles.contentHash })
    .from(articles)
    .where(eq(articles.id, id))
    .get();
  precondition?.(id, existing ? articleJson(tx, id) : undefined);
  if (existing && mode === 'create') {
    throw new IngestError(409, `An article with the id '${id}' already exists; use PUT to replace it.`, [
      { path: doc.id ? '/id' : '/headline', message: `id '${id}' is taken` },
    ]);
  }
  if (existing && mode === 'upsert' && existing.contentHash === contentHash) return { id, outcome: 'unchanged' };

  const plan = planArticle(id, doc, readRegistry(tx, id, doc));
  const before = existing ? touchedBy(tx, id) : { actors: [], sources: [] };
  // Every write moves updatedAt forward, even within one millisecond, so the article's ETag
  // (which If-Match compares) changes with every version.
  const updatedAt = existing ? laterOf(now, existing.updatedAt) : now;
  const revision = nextRevision(tx, id);
  const renamedPublication = writeArticle(tx, id, doc, plan, {
    contentHash,
    now: updatedAt,
    createdAt: existing?.createdAt ?? now,
    replace: !!existing,
    revision,
  });
  materializeArticle(tx, id);
  recordRevision(tx, id, now);
  recordChange(tx, 'article', id, 'upsert', now, revision);
  // Articles that show a renamed actor, source or publication serve new documents: new revisions.
  const affected = articlesShowing(tx, {
    actors: plan.changedActors,
    sources: plan.changedSources,
    publication: renamedPublication ? doc.publication.id : undefined,
  });
  for (const articleId of affected) if (articleId !== id) reviseShown(tx, articleId, now);
  const after = touchedBy(tx, id);
  for (const actorId of union(before.actors, after.actors, plan.changedActors)) recordChange(tx, 'actor', actorId, 'upsert', now);
  for (const sourceId of union(before.sources, after.sources, sourcesShowing(tx, plan.changedActors))) {
    recordChange(tx, 'source', sourceId, 'upsert', now);
  }
  return { id, outcome: existing ? 'replaced' : 'created' };
}

/**
 * Deletes an article and, by cascade, all its parts, in one BEGIN IMMEDIATE transaction. Actors,
 * sources and publications stay. Returns false when there was no such article.
 */
export function deleteOne(db: Db, id: string, options: Pick<WriteOptions, 'precondition'> = {}): boolean {
  try {
    return db.transaction(
      (tx) => {
        const current = articleJson(tx, id);
        options.precondition?.(id, current);
        if (current === undefined) return false;
        const at = new Date().toISOString();
        const touched = touchedBy(tx, id);
        unindexArticle(tx, id);
        // The revisions stay (citations keep working); the feed keeps a tombstone with the last one.
        recordChange(tx, 'article', id, 'delete', at, current.revision);
        const deleted = tx.delete(articles).where(eq(articles.id, id)).run().changes === 1;
        for (const actorId of touched.actors) recordChange(tx, 'actor', actorId, 'upsert', at);
        for (const sourceId of touched.sources) recordChange(tx, 'source', sourceId, 'upsert', at);
        return deleted;
      },
      { behavior: 'immediate' },
    );
  } finally {
    markWritten(db);
  }
}

function writeArticle(
  tx: Db,
  id: string,
  doc: IngestDocument,
  plan: Plan,
  meta: { contentHash: string; now: string; createdAt: string; replace: boolean; revision: number },
): boolean {
  const { now } = meta;
  const previous = tx.select({ name: publications.name }).from(publications).where(eq(publications.id, doc.publication.id)).get();
  tx.insert(publications)
    .values({ id: doc.publication.id, name: doc.publication.name, url: doc.publication.url ?? null })
    .onConflictDoUpdate({
      target: publications.id,
      set: { name: doc.publication.name, ...(doc.publication.url !== undefined ? { url: doc.publication.url } : {}) },
    })
    .run();

  for (const a of plan.newActors) {
    tx.insert(actors)
      .values({
        id: a.id,
        name: a.name,
        type: a.type,
        description: a.description ?? null,
        aliases: mergeAliases(a.name, [], a.aliases ?? []),
        createdAt: now,
        updatedAt: now,
      })
      .run();
    indexActor(tx, a.id);
  }
  for (const { input: a, aliases, changed } of plan.updatedActors) {
    if (!changed) continue; // the registry already says all this document says
    const fields = a.update
      ? { name: a.name, type: a.type, ...(a.description !== undefined ? { description: a.description } : {}) }
      : {};
    unindexActor(tx, a.id);
    tx.update(actors).set({ ...fields, aliases, updatedAt: now }).where(eq(actors.id, a.id)).run();
    indexActor(tx, a.id);
  }

  for (const { input: s, exists } of plan.sourcesToWrite) {
    const fields = {
      name: s.name,
      type: s.type,
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.actor !== undefined ? { actorId: s.actor } : {}),
    };
    if (!exists) tx.insert(sources).values({ id: s.id, ...fields, createdAt: now, updatedAt: now }).run();
    else if (s.update) tx.update(sources).set({ ...fields, updatedAt: now }).where(eq(sources.id, s.id)).run();
  }

  // A replacement drops the old parts (by cascade) and writes the new ones.
  if (meta.replace) {
    unindexArticle(tx, id);
    tx.delete(articles).where(eq(articles.id, id)).run();
  }
  const rows = articleInsert(id, doc, plan, { contentHash: meta.contentHash, createdAt: meta.createdAt, updatedAt: now, revision: meta.revision });
  insertRow(tx, articles, rows.article);
  for (const row of rows.topics) insertRow(tx, articleTopics, row);
  for (const row of rows.links) insertRow(tx, articleActors, row);
  for (const row of rows.mentions) insertRow(tx, actorMentions, row);
  for (const row of rows.recommendations) insertRow(tx, recommendations, row);
  for (const row of rows.partners) insertRow(tx, recommendationPartners, row);
  for (const row of rows.quotations) insertRow(tx, quotations, row);
  indexArticle(tx, id);
  return !!previous && previous.name !== doc.publication.name;
}
