import fp from 'fastify-plugin';
import { migrateDatabase, openDatabase, type Connection, type Db } from '../../db/client.js';
import { materializeMissing } from '../ingest/documents.js';
import { seedDatabase } from '../ingest/seed.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Connection['sqlite'];
  }
}

export interface DbPluginOptions {
  databasePath: string;
}

/**
 * Opens the database, applies pending migrations and, on a database that has just been created,
 * loads the seed articles. Closes the connection when the app closes.
 */
export default fp<DbPluginOptions>(
  async (app, { databasePath }) => {
    const connection = openDatabase(databasePath);
    try {
      if (migrateDatabase(connection)) {
        const report = seedDatabase(connection.db);
        app.log.info({ seeded: report }, 'new database: migrations applied and seed loaded');
      }
      const built = materializeMissing(connection.db);
      if (built) app.log.info({ built }, 'built missing article documents');
    } catch (err) {
      connection.sqlite.close();
      throw err;
    }
    app.decorate('db', connection.db);
    app.decorate('sqlite', connection.sqlite);
    app.addHook('onClose', async () => {
      connection.sqlite.close();
    });
  },
  { name: 'db' },
);
