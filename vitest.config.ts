// Two groups of test files, one after the other. First the in-process ones (inject, units): they
// keep the CPU busy, so they get a worker per core. Then the black-box ones, which start processes
// (the compiled server and commands, chromium, PostgreSQL, the OpenAPI linters) and mostly wait on
// them: more of those run at once. tests/global-setup.ts builds dist/ once, before either group.
//
// On PostgreSQL (TEST_ENGINE=postgres) the suite runs every file about the API's behaviour on a
// PostgreSQL database and leaves out two kinds of file, which `npm test` runs on SQLite:
// - about SQLite itself: its query plans, migration hashes, file backup and restore, processes
//   sharing or killing a file writer (WORKERS=N included);
// - about no engine at all: the HTTP wire, process start and shutdown, configuration, packaging,
//   the README's commands, the CLIs on database files, Redis budgets, the reader's rules, Swagger
//   UI in a browser, the OpenAPI lint, and the PostgreSQL-specific tests (no engine switch needed).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const SQLITE_ONLY = ['query-plans', 'migrations', 'crash-safety', 'backup', 'concurrency', 'workers'];
const ENGINE_FREE = ['client', 'wire', 'server', 'shutdown', 'config', 'packaging', 'readme', 'cli', 'limits-redis', 'browser/**', 'modules/workbench', 'workbench/**', 'reader/**', 'contract/lint', 'postgres/**'];

const postgres = process.env.TEST_ENGINE === 'postgres';

/** The files that start processes. */
const PROCESS_FILES = [
  'tests/analyze.test.ts',
  'tests/backup.test.ts',
  'tests/browser/swagger-ui.test.ts',
  'tests/browser/workbench.test.ts',
  'tests/cli.test.ts',
  'tests/client.test.ts',
  'tests/concurrency.test.ts',
  'tests/contract/lint.test.ts',
  'tests/crash-safety.test.ts',
  'tests/migrations.test.ts',
  'tests/packaging.test.ts',
  'tests/postgres/cluster.test.ts',
  'tests/postgres/multi-node.test.ts',
  'tests/postgres/operations.test.ts',
  'tests/readme.test.ts',
  'tests/security.test.ts',
  'tests/server.test.ts',
  'tests/shutdown.test.ts',
  'tests/wire.test.ts',
  'tests/workers.test.ts',
];

const exclude = [
  '**/node_modules/**',
  ...(postgres ? [...SQLITE_ONLY, ...ENGINE_FREE].map((f) => `tests/${f}${f.endsWith('**') ? '' : '.test.ts'}`) : []),
];
const cores = availableParallelism();

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // A PostgreSQL test file clones a migrated template database for its apps: slower than :memory:.
    // On a loaded 2-core machine a single test can take seconds; a timeout is for a hang, not for speed.
    ...(postgres ? { testTimeout: 30_000, hookTimeout: 60_000 } : { testTimeout: 20_000, hookTimeout: 30_000 }),
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
          // The files share each worker's loaded modules rather than importing the app afresh
          // each time (most of their time otherwise); every file builds apps of its own.
          isolate: false,
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
