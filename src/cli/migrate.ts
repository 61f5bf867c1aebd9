// npm run db:migrate: applies pending migrations without seeding.
import { runWithStore } from './run.js';

// Opening the store applies them.
runWithStore(async (_store, databasePath) => {
  console.log(`migrations applied: ${databasePath}`);
});
