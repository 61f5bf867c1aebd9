import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../shared/errors.js';
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
 * loads the seed articles. The cluster's primary calls it once before it starts the workers.
 */
export async function openPreparedStore(options: StoreOptions, log: Pick<FastifyBaseLogger, 'info'>): Promise<Store> {
  const { store, fresh, built } = await openStore(options);
  try {
    if (fresh) log.info({ seeded: await seedStore(store) }, 'new database: migrations applied and seed loaded');
    if (built) log.info({ built }, 'built missing article documents');
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** The store, opened and prepared as above; closed when the app closes. */
export default fp<StoreOptions>(
  async (app, options) => {
    const store = await openPreparedStore(options, app.log);
    app.decorate('store', store);
    // Read-your-writes across nodes: a client that wrote through another node sends the
    // Data-Version that write answered, and this node's reads show at least that version.
    app.addHook('onRequest', async (request) => {
      const min = request.headers['min-data-version'];
      if (min === undefined) return;
      if (typeof min !== 'string' || !/^\d{1,18}$/.test(min)) {
        throw new HttpProblem(400, 'Min-Data-Version must be a data version: the digits of a Data-Version header a write answered.');
      }
      await store.readAtLeast(min);
    });
    app.addHook('onClose', () => store.close());
  },
  { name: 'db' },
);
