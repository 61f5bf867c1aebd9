// Revisions and the change feed on SQLite (src/store/history.ts decides what they record): written
// inside the writer's BEGIN IMMEDIATE transaction, so a change's seq (AUTOINCREMENT: never reused,
// always higher) follows commit order; read by the revision and change routes.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { articleRevisions, changes } from '../../../db/schema.js';
import type { Change, ChangeListQuery } from '../../schemas/changes.js';
import type { ArticleRevision, RevisionChanges } from '../../schemas/revisions.js';
import { documentsOf } from '../documents.js';
import { purgeRefused, revisionChanges, type RevisionParts, type Touched } from '../history.js';
import { CHANGES_IN_ORDER, REVISIONS_IN_ORDER } from '../sorts.js';
import type { StoredRevision } from '../store.js';
import type { Page, PageQuery } from '../../shared/pagination.js';
import { storeDocuments } from './documents.js';
import { paginate } from './pagination.js';
import { readArticleRows } from './rows.js';
import { prepared } from './statements.js';

/** The number the article's next revision takes: one past its last, kept even after a delete. */
export function nextRevision(tx: Db, id: string): number {
  return (prepared(tx, 'SELECT coalesce(max(revision), 0) + 1 FROM article_revisions WHERE article_id = ?').pluck().get(id) as number);
}

/** Stores the article as it is now served as its current revision, with what changed since the last. */
export function recordRevision(tx: Db, id: string, recordedAt: string): void {
  const now = prepared(
    tx,
    `SELECT a.revision, a.updated_at AS updatedAt, a.content_hash AS contentHash, a.body, d.summary, d.actors, d.recommendations, d.quotations
       FROM articles a JOIN article_documents d ON d.article_id = a.id WHERE a.id = ?`,
  ).get(id) as RevisionParts & { revision: number; updatedAt: string; contentHash: string; summary: string };
  const previous = prepared(
    tx,
    'SELECT body, actors, recommendations, quotations FROM article_revisions WHERE article_id = ? ORDER BY revision DESC LIMIT 1',
  ).get(id) as RevisionParts | undefined;
  prepared(
    tx,
    `INSERT INTO article_revisions (article_id, revision, updated_at, recorded_at, content_hash, changes, summary, body, actors, recommendations, quotations)
     VALUES (@id, @revision, @updatedAt, @recordedAt, @contentHash, @changes, @summary, @body, @actors, @recommendations, @quotations)`,
  ).run({ ...now, id, recordedAt, changes: JSON.stringify(revisionChanges(previous, now)) });
}

/**
 * Stores the article's current revision when no row holds it yet: its documents were just rebuilt
 * after a migration dropped them (0002_provenance), before the revision history could copy them.
 */
export function recordRevisionIfMissing(tx: Db, id: string): void {
  const updatedAt = prepared(
    tx,
    `SELECT a.updated_at FROM articles a WHERE a.id = ?
        AND NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id AND r.revision = a.revision)`,
  )
    .pluck()
    .get(id) as string | undefined;
  if (updatedAt !== undefined) recordRevision(tx, id, updatedAt);
}

/** The entity's latest change: its older row goes, a new one takes the next seq. */
export function recordChange(tx: Db, type: Change['type'], id: string, action: Change['action'], at: string, revision: number | null = null): void {
  prepared(tx, 'DELETE FROM changes WHERE type = ? AND entity_id = ?').run(type, id);
  prepared(tx, 'INSERT INTO changes (type, entity_id, action, at, revision) VALUES (?, ?, ?, ?, ?)').run(type, id, action, at, revision);
}

/** The actors and sources an article's rows touch now. */
export function touchedBy(tx: Db, id: string): Touched {
  return {
    actors: prepared(tx, 'SELECT actor_id FROM article_actors WHERE article_id = ? UNION SELECT addressee_id FROM recommendations WHERE article_id = ?')
      .pluck()
      .all(id, id) as string[],
    sources: prepared(tx, 'SELECT DISTINCT source_id FROM quotations WHERE article_id = ?').pluck().all(id) as string[],
  };
}

/** Sources that show one of these actors by name. */
export function sourcesShowing(tx: Db, actorIds: string[]): string[] {
  if (!actorIds.length) return [];
  return prepared(tx, 'SELECT id FROM sources WHERE actor_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(actorIds)) as string[];
}

/**
 * Rebuilds the documents of an article that shows something another write renamed. When what it
 * serves changes, that is a new revision (the article's content and updatedAt stay) and a change.
 */
export function reviseShown(tx: Db, id: string, at: string): void {
  const rows = readArticleRows(tx, id);
  if (!rows) return;
  const stored = prepared(tx, 'SELECT summary, actors, recommendations, quotations FROM article_documents WHERE article_id = ?').get(id) as
    | Record<'summary' | 'actors' | 'recommendations' | 'quotations', string>
    | undefined;
  const same = documentsOf(rows);
  if (stored && (['summary', 'actors', 'recommendations', 'quotations'] as const).every((k) => stored[k] === same[k])) return;
  const revision = nextRevision(tx, id);
  prepared(tx, 'UPDATE articles SET revision = ? WHERE id = ?').run(revision, id);
  storeDocuments(tx, id, documentsOf({ ...rows, article: { ...rows.article, revision } }));
  recordRevision(tx, id, at);
  recordChange(tx, 'article', id, 'upsert', at, revision);
}

// --- reads ----------------------------------------------------------------------------------

export function articleRevision(db: Db, id: string): number | undefined {
  return prepared(db, 'SELECT revision FROM articles WHERE id = ?').pluck().get(id) as number | undefined;
}

export function listChanges(db: Db, q: ChangeListQuery): Page<Change> {
  return paginate(db, { ...q, since: q.since ?? 0 }, CHANGES_IN_ORDER, (p) => gt(changes.seq, p.since), {
    table: changes,
    rows: (where, order, limit) => db.select().from(changes).where(where).orderBy(...order).limit(limit),
    map: (r) => ({ seq: r.seq, type: r.type, id: r.entityId, action: r.action, at: r.at, revision: r.revision }),
  });
}

export function listRevisions(db: Db, articleId: string, q: PageQuery): Page<ArticleRevision> | undefined {
  if (!prepared(db, 'SELECT 1 FROM article_revisions WHERE article_id = ?').get(articleId)) return undefined;
  return paginate(db, { ...q, articleId }, REVISIONS_IN_ORDER, (p) => eq(articleRevisions.articleId, p.articleId), {
    table: articleRevisions,
    rows: (where, order, limit) =>
      db
        .select({
          revision: articleRevisions.revision,
          updatedAt: articleRevisions.updatedAt,
          recordedAt: articleRevisions.recordedAt,
          contentHash: articleRevisions.contentHash,
          changes: articleRevisions.changes,
        })
        .from(articleRevisions)
        .where(where)
        .orderBy(...order)
        .limit(limit),
    map: (r) => ({ ...r, changes: JSON.parse(r.changes) as RevisionChanges }),
  });
}

export function storedRevision(db: Db, articleId: string, revision: number): StoredRevision | undefined {
  return db
    .select({
      summary: articleRevisions.summary,
      body: articleRevisions.body,
      actors: articleRevisions.actors,
      recommendations: articleRevisions.recommendations,
      quotations: articleRevisions.quotations,
    })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision)))
    .get();
}

/** Deletes every revision of an article that no longer exists; the number deleted. */
export function purgeRevisions(db: Db, articleId: string): number {
  return db.transaction(
    (tx) => {
      if (articleRevision(tx, articleId) !== undefined) throw purgeRefused(articleId);
      return tx.delete(articleRevisions).where(eq(articleRevisions.articleId, articleId)).run().changes;
    },
    { behavior: 'immediate' },
  );
}
