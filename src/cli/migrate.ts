// npm run db:migrate: applies pending migrations without seeding.
import { migrateDatabase, openDatabase } from '../../db/client.js';
import { loadConfig } from '../config.js';
import { runCli } from './run.js';

runCli(() => {
  const { databasePath } = loadConfig();
  const connection = openDatabase(databasePath);
  try {
    migrateDatabase(connection);
    console.log(`migrations applied: ${databasePath}`);
  } finally {
    connection.sqlite.close();
  }
});
