import fp from 'fastify-plugin';
import { seedStore } from '../ingest/seed.js';
import { openStore, type StoreOptions } from '../store/open.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/**
 * Opens the store, applies pending migrations and, on a database that has just been created,
 * loads the seed articles. Closes it when the app closes.
 */
export default fp<StoreOptions>(
  async (app, options) => {
    const { store, fresh, built } = await openStore(options);
    try {
      if (fresh) app.log.info({ seeded: await seedStore(store) }, 'new database: migrations applied and seed loaded');
      if (built) app.log.info({ built }, 'built missing article documents');
    } catch (err) {
      await store.close();
      throw err;
    }
    app.decorate('store', store);
    app.addHook('onClose', () => store.close());
  },
  { name: 'db' },
);
