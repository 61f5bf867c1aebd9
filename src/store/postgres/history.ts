// Revisions and the change feed on PostgreSQL (src/store/history.ts decides what they record):
// written inside the writer's transaction, which holds the store's advisory write lock until it
// commits, so changes take their seq (an identity sequence) in commit order.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { PgDb } from '../../../db/client.postgres.js';
import { articleRevisions, changes } from '../../../db/schema.postgres.js';
import type { Change, ChangeListQuery } from '../../schemas/changes.js';
import type { ArticleRevision, RevisionChanges } from '../../schemas/revisions.js';
import type { Page, PageQuery } from '../../shared/pagination.js';
import { documentsOf, type ArticleDocuments } from '../documents.js';
import { purgeRefused, revisionChanges, type RevisionParts, type Touched } from '../history.js';
import { CHANGES_IN_ORDER, REVISIONS_IN_ORDER } from '../sorts.js';
import type { StoredRevision } from '../store.js';
import { paginate } from './pagination.js';

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
type Queryable = Tx | PgDb;

const first = async <Row>(db: Queryable, query: ReturnType<typeof sql>) => (await db.execute<Row & Record<string, unknown>>(query)).rows[0];

/** The number the article's next revision takes: one past its last, kept even after a delete. */
export async function nextRevision(tx: Tx, id: string): Promise<number> {
  const row = await first<{ next: number }>(tx, sql`SELECT coalesce(max(revision), 0) + 1 AS next FROM article_revisions WHERE article_id = ${id}`);
  return Number(row!.next);
}

/** Stores the article as it is now served as its current revision, with what changed since the last. */
export async function recordRevision(tx: Tx, id: string, recordedAt: string): Promise<void> {
  const now = (await first<RevisionParts & { revision: number; updatedAt: string; contentHash: string; summary: string }>(
    tx,
    sql`SELECT a.revision, a.updated_at AS "updatedAt", a.content_hash AS "contentHash", a.body, d.summary, d.actors, d.recommendations, d.quotations
          FROM articles a JOIN article_documents d ON d.article_id = a.id WHERE a.id = ${id}`,
  ))!;
  const previous = await first<RevisionParts>(
    tx,
    sql`SELECT body, actors, recommendations, quotations FROM article_revisions WHERE article_id = ${id} ORDER BY revision DESC LIMIT 1`,
  );
  await tx.insert(articleRevisions).values({
    articleId: id,
    revision: now.revision,
    updatedAt: now.updatedAt,
    recordedAt,
    contentHash: now.contentHash,
    changes: JSON.stringify(revisionChanges(previous, now)),
    summary: now.summary,
    body: now.body,
    actors: now.actors,
    recommendations: now.recommendations,
    quotations: now.quotations,
  });
}

/**
 * Stores the article's current revision when no row holds it yet: its documents were just rebuilt
 * after a migration dropped them (0002_provenance), before the revision history could copy them.
 */
export async function recordRevisionIfMissing(tx: Tx, id: string): Promise<void> {
  const row = await first<{ updatedAt: string }>(
    tx,
    sql`SELECT a.updated_at AS "updatedAt" FROM articles a WHERE a.id = ${id}
          AND NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id AND r.revision = a.revision)`,
  );
  if (row) await recordRevision(tx, id, row.updatedAt);
}

/** The entity's latest change: its older row goes, a new one takes the next seq. */
export async function recordChange(
  tx: Tx,
  type: Change['type'],
  id: string,
  action: Change['action'],
  at: string,
  revision: number | null = null,
): Promise<void> {
  await tx.delete(changes).where(and(eq(changes.type, type), eq(changes.entityId, id)));
  await tx.insert(changes).values({ type, entityId: id, action, at, revision });
}

/** The actors and sources an article's rows touch now. */
export async function touchedBy(tx: Tx, id: string): Promise<Touched> {
  const actors = await tx.execute<{ id: string }>(
    sql`SELECT actor_id AS id FROM article_actors WHERE article_id = ${id} UNION SELECT addressee_id FROM recommendations WHERE article_id = ${id}`,
  );
  const sources = await tx.execute<{ id: string }>(sql`SELECT DISTINCT source_id AS id FROM quotations WHERE article_id = ${id}`);
  return { actors: actors.rows.map((r) => r.id), sources: sources.rows.map((r) => r.id) };
}

/** Sources that show one of these actors by name. */
export async function sourcesShowing(tx: Tx, actorIds: string[]): Promise<string[]> {
  if (!actorIds.length) return [];
  const rows = await tx.execute<{ id: string }>(
    sql`SELECT id FROM sources WHERE actor_id IN (${sql.join(actorIds.map((a) => sql`${a}`), sql`, `)})`,
  );
  return rows.rows.map((r) => r.id);
}

/**
 * Rebuilds the documents of an article that shows something another write renamed. When what it
 * serves changes, that is a new revision (the article's content and updatedAt stay) and a change.
 */
export async function reviseShown(
  tx: Tx,
  id: string,
  at: string,
  io: {
    readRows: (tx: Tx, id: string) => Promise<Parameters<typeof documentsOf>[0] | undefined>;
    storeDocuments: (tx: Tx, id: string, documents: ArticleDocuments) => Promise<void>;
  },
): Promise<void> {
  const rows = await io.readRows(tx, id);
  if (!rows) return;
  const stored = await first<Record<'summary' | 'actors' | 'recommendations' | 'quotations', string>>(
    tx,
    sql`SELECT summary, actors, recommendations, quotations FROM article_documents WHERE article_id = ${id}`,
  );
  const same = documentsOf(rows);
  if (stored && (['summary', 'actors', 'recommendations', 'quotations'] as const).every((k) => stored[k] === same[k])) return;
  const revision = await nextRevision(tx, id);
  await tx.execute(sql`UPDATE articles SET revision = ${revision} WHERE id = ${id}`);
  await io.storeDocuments(tx, id, documentsOf({ ...rows, article: { ...rows.article, revision } }));
  await recordRevision(tx, id, at);
  await recordChange(tx, 'article', id, 'upsert', at, revision);
}

// --- reads ----------------------------------------------------------------------------------

/** PostgreSQL text cannot hold NUL, so no stored id does: such an id is simply not found. */
const unstorable = (id: string) => id.includes('\u0000');

export async function articleRevision(db: Queryable, id: string): Promise<number | undefined> {
  if (unstorable(id)) return undefined;
  const row = await first<{ revision: number }>(db, sql`SELECT revision FROM articles WHERE id = ${id}`);
  return row && Number(row.revision);
}

export function listChanges(db: PgDb, q: ChangeListQuery): Promise<Page<Change>> {
  type Row = typeof changes.$inferSelect;
  return paginate(
    db,
    q,
    { name: CHANGES_IN_ORDER.name, keys: [{ column: changes.seq, value: (r: Row) => r.seq }] },
    gt(changes.seq, q.since ?? 0),
    {
      table: changes,
      rows: (where, order, limit) => db.select().from(changes).where(where).orderBy(...order).limit(limit),
      map: (r) => ({ seq: r.seq, type: r.type, id: r.entityId, action: r.action, at: r.at, revision: r.revision }),
    },
  );
}

export async function listRevisions(db: PgDb, articleId: string, q: PageQuery): Promise<Page<ArticleRevision> | undefined> {
  if (unstorable(articleId)) return undefined;
  if (!(await first(db, sql`SELECT 1 AS one FROM article_revisions WHERE article_id = ${articleId} LIMIT 1`))) return undefined;
  const columns = {
    revision: articleRevisions.revision,
    updatedAt: articleRevisions.updatedAt,
    recordedAt: articleRevisions.recordedAt,
    contentHash: articleRevisions.contentHash,
    changes: articleRevisions.changes,
  };
  type Row = { revision: number; updatedAt: string; recordedAt: string; contentHash: string; changes: string };
  return paginate(
    db,
    q,
    { name: REVISIONS_IN_ORDER.name, keys: [{ column: articleRevisions.revision, value: (r: Row) => r.revision }] },
    eq(articleRevisions.articleId, articleId),
    {
      table: articleRevisions,
      rows: (where, order, limit) => db.select(columns).from(articleRevisions).where(where).orderBy(...order).limit(limit),
      map: (r) => ({ ...r, changes: JSON.parse(r.changes) as RevisionChanges }),
    },
  );
}

export async function storedRevision(db: PgDb, articleId: string, revision: number): Promise<StoredRevision | undefined> {
  if (unstorable(articleId)) return undefined;
  const [row] = await db
    .select({
      summary: articleRevisions.summary,
      body: articleRevisions.body,
      actors: articleRevisions.actors,
      recommendations: articleRevisions.recommendations,
      quotations: articleRevisions.quotations,
    })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision)));
  return row;
}

/** Deletes every revision of an article that no longer exists (under the write lock); the number deleted. */
export async function purgeRevisions(tx: Tx, articleId: string): Promise<number> {
  if ((await articleRevision(tx, articleId)) !== undefined) throw purgeRefused(articleId);
  return (await tx.delete(articleRevisions).where(eq(articleRevisions.articleId, articleId)).returning({ r: articleRevisions.revision })).length;
}
