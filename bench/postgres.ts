// The benchmark corpus on PostgreSQL, for `npm run bench -- --engine postgres`: a database of its
// own on the server BENCH_DATABASE_URL (or TEST_DATABASE_URL) names, migrated as a server would
// migrate it, and loaded with the very documents bench/corpus.ts writes to SQLite (the same
// generator, seed and timestamps) through the store's batch path, writeArticles. So both engines
// hold the same data and answer the same URLs. The database is dropped by drop().
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { IngestDocument } from '../src/schemas/ingest.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { CorpusGenerator } from './corpus.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

export interface PostgresCorpus {
  /** The loaded database's URL. */
  url: string;
  name: string;
  articles: number;
  /** SHOW server_version. */
  serverVersion: string;
  seconds: number;
  /** Articles written per second. */
  rate: number;
  drop(): Promise<void>;
}

const BATCH = 200;

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates, migrates and loads a database with the corpus of `articles` articles and `seed`. */
export async function loadPostgresCorpus(options: { articles: number; seed: number; log?: (line: string) => void }): Promise<PostgresCorpus> {
  const adminUrl = BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('--engine postgres needs a server: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const name = `eda_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const drop = () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  try {
    const started = performance.now();
    let serverVersion = '';
    const { store } = await openPostgresStore(url.toString());
    try {
      const generator = new CorpusGenerator(options.seed);
      let batch: IngestDocument[] = [];
      let last = Date.now();
      for (let i = 0; i < options.articles; i++) {
        batch.push(generator.article(i));
        if (batch.length === BATCH || i === options.articles - 1) {
          // The same timestamps as the SQLite corpus: derived from the publication date.
          const results = await store.writeArticles(batch, 'create', (doc) => `${doc.datePublished}T06:00:00.000Z`);
          const failed = results.find((r): r is Error => r instanceof Error);
          if (failed) throw failed;
          batch = [];
          if (Date.now() - last > 2000) {
            last = Date.now();
            options.log?.(`  postgres corpus: ${i + 1}/${options.articles}`);
          }
        }
      }
      await store.connection.pool.query('VACUUM ANALYZE');
      serverVersion = (await store.connection.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    } finally {
      await store.close();
    }
    const seconds = (performance.now() - started) / 1000;
    return { url: url.toString(), name, articles: options.articles, serverVersion, seconds, rate: options.articles / seconds, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
}
