// On PostgreSQL (TEST_ENGINE=postgres) the suite leaves out the files that are about SQLite itself:
// its query plans, its file backup and restore, and processes sharing or killing a file writer.
import { defineConfig } from 'vitest/config';

const SQLITE_ONLY_FILES = ['tests/query-plans.test.ts', 'tests/crash-safety.test.ts', 'tests/backup.test.ts', 'tests/concurrency.test.ts'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', ...(process.env.TEST_ENGINE === 'postgres' ? SQLITE_ONLY_FILES : [])],
  },
});
