// Chooses the engine: SQLite at a file path by default, PostgreSQL when a database URL is given.
import { openPostgresStore } from './postgres/index.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/index.js';

export interface StoreOptions {
  /** SQLite: a file path, or ':memory:' for a private in-memory database (tests). */
  databasePath: string;
  /** Refuse a database that does not exist yet instead of creating it (commands that only read). */
  mustExist?: boolean;
  /** PostgreSQL: the primary's URL (postgres://...); when set, databasePath is not used. */
  databaseUrl?: string;
  /** PostgreSQL: streaming replicas that serve reads. */
  replicaUrls?: string[];
}

export interface OpenedStore {
  store: Store;
  /** The database was new: no migration had ever run (the caller loads the seed). */
  fresh: boolean;
  /** Stored documents built at start for articles that lacked them. */
  built: number;
}

export async function openStore({ databasePath, databaseUrl, replicaUrls, mustExist }: StoreOptions): Promise<OpenedStore> {
  return databaseUrl ? openPostgresStore(databaseUrl, replicaUrls) : openSqliteStore(databasePath, { mustExist });
}
