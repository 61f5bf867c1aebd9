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

/**
 * Runs a command against the configured store (migrated, as the server would have it) and closes
 * it afterwards. `where` names the database for the command's messages.
 */
export function runWithStore(main: (store: Store, where: string) => Promise<void>): void {
  runCli(async () => {
    const config = loadConfig();
    const { store } = await openStore(config);
    try {
      await main(store, config.databaseUrl ? withoutPassword(config.databaseUrl) : config.databasePath);
    } finally {
      await store.close();
    }
  });
}
