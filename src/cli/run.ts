import { ConfigError } from '../config.js';

/** Runs a command: a known failure prints its message alone and exits 1. */
export function runCli(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
