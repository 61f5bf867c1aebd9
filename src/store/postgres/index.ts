// The PostgreSQL store: node-postgres pools on a primary and its streaming replicas (drizzle's
// withReplicas sends reads to a replica, writes and transactions to the primary), the schema and
// migrations of migrations/postgres, and a data version row that every write moves, so every
// node's caches follow every node's writes.
import { sql } from 'drizzle-orm';
import { migratePostgres, openPostgres, type PgDb, type PostgresConnection } from '../../../db/client.postgres.js';
import type { IngestDocument } from '../../schemas/ingest.js';
import type { Scope } from '../../shared/keys.js';
import { ingestDocumentOf } from '../documents.js';
import type { IngestMode, Store, WriteOptions } from '../store.js';
import { createKey, listKeys, revokeKey, verifyKey } from './keys.js';
import * as reads from './reads.js';
import { search } from './search.js';
import * as history from './history.js';
import { deleteOne, inWriteTransaction, materializeMissing, readArticleRows, writeMany, writeOne } from './writer.js';

const now = () => new Date().toISOString();

export class PostgresStore implements Store {
  readonly engine = 'postgres';
  /**
   * Where reads go: the replicas, except while they have not yet shown a version this node must
   * show (its own last write, or one a client asked for with Min-Data-Version): then the primary.
   */
  private reader: PgDb;
  /** The version the replicas must reach before reads go back to them. */
  private until = 0n;
  /** The data version after this node's latest write. */
  private written: bigint | undefined;

  constructor(readonly connection: PostgresConnection) {
    this.reader = connection.db;
  }

  private get primary() {
    return this.connection.primary;
  }

  private async versionOf(db: PgDb): Promise<bigint> {
    const { rows } = await db.execute<{ version: string }>(sql`SELECT version::text AS version FROM data_version WHERE id = 1`);
    return BigInt(rows[0]?.version ?? '0');
  }

  /** Reads go to the primary until the replicas show `version`. */
  private holdUntil(version: bigint) {
    if (!this.connection.replicas.length || version <= this.until) return;
    this.until = version;
    this.reader = this.primary;
  }

  /** After a write: its version, for the client, and reads on the primary until the replicas have it. */
  private async wrote<T>(result: T): Promise<T> {
    const version = await this.versionOf(this.primary);
    if (this.written === undefined || version > this.written) this.written = version;
    this.holdUntil(version);
    return result;
  }

  readAtLeast = async (version: string) => this.holdUntil(BigInt(version));
  writtenVersion = () => this.written?.toString();

  private turn = 0;
  /**
   * For a read that needs a transaction of its own (search's snapshot): a replica, each in turn,
   * or the primary while reads are held there. (withReplicas would run any transaction on the primary.)
   */
  private get snapshotReader(): PgDb {
    const { replicas } = this.connection;
    if (!replicas.length || this.reader === this.primary) return this.primary;
    return replicas[this.turn++ % replicas.length]!;
  }

  listArticles = (q: Parameters<Store['listArticles']>[0]) => reads.listArticles(this.reader, q);
  articleJson = (id: string, include?: Parameters<Store['articleJson']>[1]) => reads.articleJson(this.reader, id, include);
  listArticleActors = (articleId: string, q: Parameters<Store['listArticleActors']>[1]) => reads.listArticleActors(this.reader, articleId, q);
  listActors = (q: Parameters<Store['listActors']>[0]) => reads.listActors(this.reader, q);
  getActor = (id: string) => reads.getActor(this.reader, id);
  actorExists = (id: string) => reads.actorExists(this.reader, id);
  actorsNamed = (names: string[]) => reads.actorsNamed(this.reader, names);
  listRecommendations = (q: Parameters<Store['listRecommendations']>[0]) => reads.listRecommendations(this.reader, q);
  recommendationJson = (id: string) => reads.recommendationJson(this.reader, id);
  listQuotations = (q: Parameters<Store['listQuotations']>[0]) => reads.listQuotations(this.reader, q);
  quotationJson = (id: string) => reads.quotationJson(this.reader, id);
  listSources = (q: Parameters<Store['listSources']>[0]) => reads.listSources(this.reader, q);
  getSource = (id: string) => reads.getSource(this.reader, id);
  search = (q: Parameters<Store['search']>[0]) => search(this.snapshotReader, q);

  writeArticle = async (doc: IngestDocument, mode: IngestMode, options?: WriteOptions) => {
    const written = await writeOne(this.primary, doc, mode, options);
    return options?.dryRun ? written : this.wrote(written);
  };
  writeArticles = async (docs: IngestDocument[], mode: IngestMode, nowOf?: (doc: IngestDocument) => string) =>
    this.wrote(await writeMany(this.primary, docs, mode, nowOf));
  deleteArticle = async (id: string, options?: Pick<WriteOptions, 'precondition'>) => this.wrote(await deleteOne(this.primary, id, options));

  articleRevision = (id: string) => history.articleRevision(this.reader, id);
  listRevisions = (articleId: string, q: Parameters<Store['listRevisions']>[1]) => history.listRevisions(this.reader, articleId, q);
  storedRevision = (articleId: string, revision: number) => history.storedRevision(this.reader, articleId, revision);
  purgeRevisions = async (articleId: string) =>
    this.wrote(await inWriteTransaction(this.primary, (tx) => history.purgeRevisions(tx, articleId)));
  listChanges = (q: Parameters<Store['listChanges']>[0]) => history.listChanges(this.reader, q);

  articleIds = async () =>
    (await this.primary.execute<{ id: string }>(sql`SELECT id FROM articles ORDER BY date_published, id`)).rows.map((r) => r.id);
  exportArticle = async (id: string) =>
    this.primary.transaction(async (tx) => {
      const rows = await readArticleRows(tx, id);
      return rows && ingestDocumentOf(rows);
    }, { isolationLevel: 'repeatable read', accessMode: 'read only' });

  createKey = (name: string, scopes: Scope[], at = now()) => createKey(this.primary, name, scopes, at);
  listKeys = () => listKeys(this.primary);
  revokeKey = (name: string, at = now()) => revokeKey(this.primary, name, at);
  verifyKey = (key: string, at = now()) => verifyKey(this.primary, key, at);

  /**
   * The version every replica shows: the lowest of theirs, as a read may go to any of them. Each
   * is asked alone: `connection.db.execute()` would ask the primary (withReplicas routes only
   * select builders to the replicas).
   */
  private async replicasVersion(): Promise<bigint> {
    const versions = await Promise.all(this.connection.replicas.map((replica) => this.versionOf(replica)));
    return versions.reduce((low, v) => (v < low ? v : low));
  }

  /** The version the reads of this node see; moves back to the replicas once they show this node's writes. */
  dataVersion = async () => {
    if (!this.connection.replicas.length) return String(await this.versionOf(this.primary));
    if (this.reader === this.primary) {
      const replicas = await this.replicasVersion();
      if (replicas < this.until) return String(await this.versionOf(this.primary));
      this.reader = this.connection.db;
      return String(replicas);
    }
    return String(await this.replicasVersion());
  };

  health = async () => {
    await this.primary.execute(sql`SELECT 1`);
    for (const replica of this.connection.replicas) await replica.execute(sql`SELECT 1`);
  };

  close = () => this.connection.close();
}

/** Opens the pools and applies pending migrations (once, however many nodes start together). */
export async function openPostgresStore(url: string, replicaUrls: string[] = []): Promise<{ store: PostgresStore; fresh: boolean; built: number }> {
  const connection = openPostgres(url, { replicaUrls });
  try {
    const fresh = await migratePostgres(connection.pool);
    const built = await materializeMissing(connection.primary);
    return { store: new PostgresStore(connection), fresh, built };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
