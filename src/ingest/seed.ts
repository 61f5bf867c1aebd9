import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.js';
import { seedFolder } from '../paths.js';
import { ingestArticle, validateIngestDocument, type IngestResult } from './ingest.js';

/** Loads every ingest document in db/seed/ (upsert: an unchanged article is left as it is). */
export function seedDatabase(db: Db, folder = seedFolder): IngestResult[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const path = join(folder, file);
    try {
      const doc = validateIngestDocument(JSON.parse(readFileSync(path, 'utf8')));
      return ingestArticle(db, doc, 'upsert');
    } catch (err) {
      throw new Error(`seed ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  });
}
