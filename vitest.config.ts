// Two groups of test files, one after the other. First the in-process ones (inject, units): they
// keep the CPU busy, so they get a worker per core. Then the black-box ones, which start processes
// (the compiled server and commands, chromium, PostgreSQL, the OpenAPI linters) and mostly wait on
// them: more of those run at once. tests/global-setup.ts builds dist/ once, before either group.
//
// On PostgreSQL (TEST_ENGINE=postgres) the suite leaves out the files that are about SQLite itself:
// its query plans, its file backup and restore, and processes sharing or killing a file writer.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const SQLITE_ONLY_FILES = ['tests/query-plans.test.ts', 'tests/crash-safety.test.ts', 'tests/backup.test.ts', 'tests/concurrency.test.ts'];

/** The files that start processes. */
const PROCESS_FILES = [
  'tests/backup.test.ts',
  'tests/browser/swagger-ui.test.ts',
  'tests/cli.test.ts',
  'tests/concurrency.test.ts',
  'tests/contract/lint.test.ts',
  'tests/crash-safety.test.ts',
  'tests/migrations.test.ts',
  'tests/packaging.test.ts',
  'tests/postgres/cluster.test.ts',
  'tests/readme.test.ts',
  'tests/security.test.ts',
  'tests/server.test.ts',
  'tests/shutdown.test.ts',
];

const exclude = ['**/node_modules/**', ...(process.env.TEST_ENGINE === 'postgres' ? SQLITE_ONLY_FILES : [])];
const cores = availableParallelism();

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/**/*.ts', 'db/**/*.ts'],
      // A summary in the output; the HTML and lcov reports for a closer look (coverage/, ignored).
      reporter: ['text-summary', 'html', 'lcov'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'in-process',
          include: ['tests/**/*.test.ts'],
          exclude: [...exclude, ...PROCESS_FILES],
          maxWorkers: cores,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'processes',
          include: PROCESS_FILES,
          exclude,
          maxWorkers: Math.max(cores, 3),
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
