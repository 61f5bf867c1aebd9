// Export: each article as the ingest document that would recreate it (src/store/documents.ts).
import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { articles } from '../../../db/schema.js';
import type { IngestDocument } from '../../schemas/ingest.js';
import { ingestDocumentOf } from '../documents.js';
import { readArticleRows } from './rows.js';

export function exportArticle(db: Db, id: string): IngestDocument | undefined {
  return db.transaction((tx) => {
    const rows = readArticleRows(tx, id);
    return rows && ingestDocumentOf(rows);
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
