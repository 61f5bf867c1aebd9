import { defineConfig } from 'drizzle-kit';

// PostgreSQL: `npm run db:generate:postgres` writes migrations/postgres/ from db/schema.postgres.ts.
// The search columns come from the custom migration 0001_search.sql (see the schema's header).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.postgres.ts',
  out: './migrations/postgres',
});
