// The SQLite store: better-sqlite3 with prepared statements, synchronous inside, behind the async
// Store interface. One connection per process; WAL lets other processes read while one writes.
import { migrateDatabase, openDatabase, type Connection } from '../../../db/client.js';
import type { IngestDocument } from '../../schemas/ingest.js';
import type { Scope } from '../../shared/keys.js';
import type { IngestMode, Store, WriteOptions } from '../store.js';
import { actorExists, actorsNamed, getActor, listActors, listArticleActors } from './actors.js';
import { articleJson, listArticles } from './articles.js';
import { materializeMissing } from './documents.js';
import { articleIds, exportArticle } from './export.js';
import { createKey, listKeys, revokeKey, verifyKey } from './keys.js';
import { listQuotations, quotationJson } from './quotations.js';
import { listRecommendations, recommendationJson } from './recommendations.js';
import { search } from './search.js';
import { getSource, listSources } from './sources.js';
import { dataVersion, markWritten, prepared } from './statements.js';
import { articleRevision, listChanges, listRevisions, purgeRevisions, storedRevision } from './history.js';
import { deleteOne, writeMany, writeOne } from './writer.js';

const now = () => new Date().toISOString();

export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  readonly db: Connection['db'];
  readonly sqlite: Connection['sqlite'];

  constructor(connection: Connection) {
    this.db = connection.db;
    this.sqlite = connection.sqlite;
  }

  listArticles = async (q: Parameters<Store['listArticles']>[0]) => listArticles(this.db, q);
  articleJson = async (id: string, include?: Parameters<Store['articleJson']>[1]) => articleJson(this.db, id, include);
  listArticleActors = async (articleId: string, q: Parameters<Store['listArticleActors']>[1]) => listArticleActors(this.db, articleId, q);
  listActors = async (q: Parameters<Store['listActors']>[0]) => listActors(this.db, q);
  getActor = async (id: string) => getActor(this.db, id);
  actorExists = async (id: string) => actorExists(this.db, id);
  actorsNamed = async (names: string[]) => actorsNamed(this.db, names);
  listRecommendations = async (q: Parameters<Store['listRecommendations']>[0]) => listRecommendations(this.db, q);
  recommendationJson = async (id: string) => recommendationJson(this.db, id);
  listQuotations = async (q: Parameters<Store['listQuotations']>[0]) => listQuotations(this.db, q);
  quotationJson = async (id: string) => quotationJson(this.db, id);
  listSources = async (q: Parameters<Store['listSources']>[0]) => listSources(this.db, q);
  getSource = async (id: string) => getSource(this.db, id);
  search = async (q: Parameters<Store['search']>[0]) => search(this.db, q);

  writeArticle = async (doc: IngestDocument, mode: IngestMode, options?: WriteOptions) => writeOne(this.db, doc, mode, options);
  writeArticles = async (docs: IngestDocument[], mode: IngestMode, nowOf?: (doc: IngestDocument) => string) =>
    writeMany(this.db, docs, mode, nowOf);
  deleteArticle = async (id: string, options?: Pick<WriteOptions, 'precondition'>) => deleteOne(this.db, id, options);

  articleRevision = async (id: string) => articleRevision(this.db, id);
  listRevisions = async (articleId: string, q: Parameters<Store['listRevisions']>[1]) => listRevisions(this.db, articleId, q);
  storedRevision = async (articleId: string, revision: number) => storedRevision(this.db, articleId, revision);
  purgeRevisions = async (articleId: string) => {
    try {
      return purgeRevisions(this.db, articleId);
    } finally {
      markWritten(this.db);
    }
  };
  listChanges = async (q: Parameters<Store['listChanges']>[0]) => listChanges(this.db, q);

  articleIds = async () => articleIds(this.db);
  exportArticle = async (id: string) => exportArticle(this.db, id);

  createKey = async (name: string, scopes: Scope[], at = now()) => createKey(this.db, name, scopes, at);
  listKeys = async () => listKeys(this.db);
  revokeKey = async (name: string, at = now()) => revokeKey(this.db, name, at);
  verifyKey = async (key: string, at = now()) => verifyKey(this.db, key, at);

  dataVersion = async () => dataVersion(this.db);
  /** One file: every read already sees every committed write. */
  readAtLeast = async () => {};
  writtenVersion = () => undefined;
  health = async () => {
    prepared(this.db, 'SELECT 1').get();
  };
  close = async () => {
    if (this.sqlite.open) this.sqlite.close();
  };
}

/**
 * Opens (creating if needed) the database file and applies pending migrations. `fresh` says the
 * database was new, which is when the caller loads the seed.
 */
export function openSqliteStore(
  path: string,
  { mustExist = false }: { mustExist?: boolean } = {},
): { store: SqliteStore; fresh: boolean; built: number } {
  const connection = openDatabase(path, { mustExist });
  try {
    const fresh = migrateDatabase(connection);
    const built = materializeMissing(connection.db);
    return { store: new SqliteStore(connection), fresh, built };
  } catch (err) {
    connection.sqlite.close();
    throw err;
  }
}
