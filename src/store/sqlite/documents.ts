// Materialized documents: each article, recommendation and quotation stored as the JSON the API
// serves, rebuilt by the ingest module inside the write transaction, so reads never assemble
// them and never see a stale one.
import { eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { articleActors, articleDocuments, articles, quotations } from '../../../db/schema.js';
import { documentsOf, type ArticleDocuments } from '../documents.js';
import { recordRevisionIfMissing } from './history.js';
import { readArticleRows } from './rows.js';
import { prepared } from './statements.js';

/** Rebuilds the stored documents of one article and of its recommendations and quotations. */
export function materializeArticle(tx: Db, id: string): void {
  const rows = readArticleRows(tx, id);
  if (rows) storeDocuments(tx, id, documentsOf(rows));
}

/** Stores an article's documents (src/store/documents.ts) as GET serves them. */
export function storeDocuments(tx: Db, id: string, documents: ArticleDocuments): void {
  prepared(
    tx,
    `INSERT OR REPLACE INTO article_documents (article_id, summary, actors, recommendations, quotations, digests)
     VALUES (@articleId, @summary, @actors, @recommendations, @quotations, @digests)`,
  ).run({
    articleId: id,
    summary: documents.summary,
    actors: documents.actors,
    recommendations: documents.recommendations,
    quotations: documents.quotations,
    digests: documents.digests,
  });
  const setRecommendation = prepared(tx, 'UPDATE recommendations SET document = ? WHERE id = ?');
  for (const [partId, json] of documents.recommendationDocuments) setRecommendation.run(json, partId);
  const setQuotation = prepared(tx, 'UPDATE quotations SET document = ? WHERE id = ?');
  for (const [partId, json] of documents.quotationDocuments) setQuotation.run(json, partId);
}

/** Articles whose documents show any of these actors, sources or publication by name. */
export function articlesShowing(tx: Db, changed: { actors: string[]; sources: string[]; publication?: string }): string[] {
  const ids = new Set<string>();
  if (changed.actors.length) {
    for (const r of tx.select({ id: articleActors.articleId }).from(articleActors).where(inArray(articleActors.actorId, changed.actors)).all()) {
      ids.add(r.id);
    }
  }
  if (changed.sources.length) {
    for (const r of tx.select({ id: quotations.articleId }).from(quotations).where(inArray(quotations.sourceId, changed.sources)).all()) {
      ids.add(r.id);
    }
  }
  if (changed.publication) {
    for (const r of tx.select({ id: articles.id }).from(articles).where(eq(articles.publicationId, changed.publication)).all()) {
      ids.add(r.id);
    }
  }
  return [...ids];
}

/** Builds the documents any article lacks (a database written before they existed). */
export function materializeMissing(db: Db): number {
  // Two index counts settle the usual case (nothing missing) without a join over every article.
  const missingAny =
    (prepared(db, 'SELECT count(*) FROM articles').pluck().get() as number) !==
    (prepared(db, 'SELECT count(*) FROM article_documents').pluck().get() as number);
  if (!missingAny) return 0;
  return db.transaction(
    (tx) => {
      const missing = tx
        .select({ id: articles.id })
        .from(articles)
        .leftJoin(articleDocuments, eq(articleDocuments.articleId, articles.id))
        .where(isNull(articleDocuments.articleId))
        .all();
      for (const { id } of missing) {
        materializeArticle(tx, id);
        recordRevisionIfMissing(tx, id);
      }
      return missing.length;
    },
    { behavior: 'immediate' },
  );
}
