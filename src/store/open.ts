// Chooses the engine: SQLite at a file path by default, PostgreSQL when a database URL is given.
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/index.js';

export interface StoreOptions {
  /** A file path, or ':memory:' for a private in-memory database (tests). */
  databasePath: string;
}

export interface OpenedStore {
  store: Store;
  /** The database was new: no migration had ever run (the caller loads the seed). */
  fresh: boolean;
  /** Stored documents built at start for articles that lacked them. */
  built: number;
}

export async function openStore({ databasePath }: StoreOptions): Promise<OpenedStore> {
  return openSqliteStore(databasePath);
}
