// npm run db:seed: applies migrations, then loads db/seed/*.json idempotently (an unchanged
// article is left as it is; a changed one is replaced).
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { loadConfig } from '../config.js';
import { seedDatabase } from '../ingest/seed.js';
import { runCli } from './run.js';

runCli(() => {
  const { databasePath } = loadConfig();
  const connection = openDatabase(databasePath);
  try {
    migrateDatabase(connection);
    for (const { id, outcome } of seedDatabase(connection.db)) console.log(`${outcome.padEnd(9)} ${id}`);
    console.log(`database: ${databasePath}`);
  } finally {
    connection.sqlite.close();
  }
});
