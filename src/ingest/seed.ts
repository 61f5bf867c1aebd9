import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedFolder } from '../paths.js';
import type { IngestResult, Store } from '../store/store.js';
import { validateIngestDocument } from './validate.js';

/** Loads every ingest document in db/seed/ (upsert: an unchanged article is left as it is). */
export async function seedStore(store: Store, folder = seedFolder): Promise<IngestResult[]> {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const results: IngestResult[] = [];
  for (const file of files) {
    const path = join(folder, file);
    try {
      const doc = validateIngestDocument(JSON.parse(readFileSync(path, 'utf8')));
      const { id, outcome } = await store.writeArticle(doc, 'upsert');
      results.push({ id, outcome });
    } catch (err) {
      throw new Error(`seed ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return results;
}
