// Chooses the engine: SQLite at a file path by default, PostgreSQL when a database URL is given.
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/index.js';

export interface StoreOptions {
  /** A file path, or ':memory:' for a private in-memory database (tests). */
  databasePath: string;
  /** Refuse a database that does not exist yet instead of creating it (commands that only read). */
  mustExist?: boolean;
}

export interface OpenedStore {
  store: Store;
  /** The database was new: no migration had ever run (the caller loads the seed). */
  fresh: boolean;
  /** Stored documents built at start for articles that lacked them. */
  built: number;
}

export async function openStore({ databasePath, mustExist }: StoreOptions): Promise<OpenedStore> {
  return openSqliteStore(databasePath, { mustExist });
}
