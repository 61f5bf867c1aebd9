import { ConfigError, loadConfig } from '../config.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

/** Runs a command: a known failure prints its message alone and exits 1. */
export function runCli(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}

/** A database URL fit for a message: its password hidden. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** What a command needs of the store. */
export interface StoreUse {
  /** The command only reads: a database file that does not exist is an error, not a new database. */
  mustExist?: boolean;
}

/**
 * Opens the configured store (migrated, as the server would have it), runs `main` on it and closes
 * it afterwards. `where` names the database for the command's messages.
 */
export async function withStore(main: (store: Store, where: string) => Promise<void>, { mustExist = false }: StoreUse = {}) {
  const config = loadConfig();
  const { store } = await openStore({ ...config, mustExist });
  try {
    await main(store, config.databaseUrl ? withoutPassword(config.databaseUrl) : config.databasePath);
  } finally {
    await store.close();
  }
}

/** Runs a command against the configured store (see withStore). */
export function runWithStore(main: (store: Store, where: string) => Promise<void>, use: StoreUse = {}): void {
  runCli(() => withStore(main, use));
}
