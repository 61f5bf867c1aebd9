// npm run db:seed: applies migrations, then loads db/seed/*.json idempotently (an unchanged
// article is left as it is; a changed one is replaced).
import { seedStore } from '../ingest/seed.js';
import { runWithStore } from './run.js';

runWithStore(async (store, databasePath) => {
  for (const { id, outcome } of await seedStore(store)) console.log(`${outcome.padEnd(9)} ${id}`);
  console.log(`database: ${databasePath}`);
});
