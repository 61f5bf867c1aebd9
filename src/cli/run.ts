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

/**
 * Runs a command against the configured store (migrated, as the server would have it) and closes
 * it afterwards. `where` names the database for the command's messages.
 */
export function runWithStore(main: (store: Store, where: string) => Promise<void>): void {
  runCli(async () => {
    const { databasePath } = loadConfig();
    const { store } = await openStore({ databasePath });
    try {
      await main(store, databasePath);
    } finally {
      await store.close();
    }
  });
}
