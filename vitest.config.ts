// On PostgreSQL (TEST_ENGINE=postgres) the suite runs every file about the API's behaviour on a
// PostgreSQL database and leaves out two kinds of file, which `npm test` runs on SQLite:
// - about SQLite itself: its query plans, migration hashes, file backup and restore, processes
//   sharing or killing a file writer;
// - about no engine at all: the HTTP wire, process start and shutdown, configuration, packaging,
//   the README's commands, the CLIs on database files, Swagger UI in a browser, the OpenAPI lint,
//   and the PostgreSQL-specific tests (they need no engine switch).
import { defineConfig } from 'vitest/config';

const SQLITE_ONLY = ['query-plans', 'migrations', 'crash-safety', 'backup', 'concurrency'];
const ENGINE_FREE = ['wire', 'server', 'shutdown', 'config', 'packaging', 'readme', 'cli', 'limits-redis', 'browser/**', 'reader/**', 'contract/lint', 'postgres/**'];

const postgres = process.env.TEST_ENGINE === 'postgres';

export default defineConfig({
  test: {
    // A PostgreSQL test file clones a migrated template database for its apps: slower than :memory:.
    ...(postgres ? { testTimeout: 30_000, hookTimeout: 60_000 } : {}),
    exclude: [
      '**/node_modules/**',
      ...(postgres ? [...SQLITE_ONLY, ...ENGINE_FREE].map((f) => `tests/${f}${f.endsWith('**') ? '' : '.test.ts'}`) : []),
    ],
  },
});
