// Streaming replication with a throwaway primary and replica (tests/helpers/pg-cluster.ts), and
// openPostgres's replica routing: reads through `db` go to the replica, writes to the primary.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, openPostgres, type PostgresConnection } from '../../db/client.postgres.js';
import { publications } from '../../db/schema.postgres.js';
import { CLUSTER_SKIP_MESSAGE, PG_BIN, startCluster, type Cluster } from '../helpers/pg-cluster.js';

if (!PG_BIN) console.warn(CLUSTER_SKIP_MESSAGE);

/** Polls `probe` until it returns a value, or fails after `timeoutMs`; returns the value and the wait. */
async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, everyMs = 5): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: performance.now() - t0 };
    if (performance.now() - t0 > timeoutMs) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe.skipIf(!PG_BIN)('a primary and a streaming replica (pg-cluster.ts)', { timeout: 60_000 }, () => {
  let cluster: Cluster;
  let conn: PostgresConnection;

  beforeAll(async () => {
    cluster = await startCluster({ replica: true });
    console.info(
      `pg-cluster: primary up in ${cluster.timings.primaryMs.toFixed(0)} ms, replica in ${cluster.timings.replicaMs?.toFixed(0)} ms`,
    );
    conn = openPostgres(cluster.primary.url, { replicaUrls: [cluster.replica!.url], max: 2 });
  }, 120_000);

  afterAll(async () => {
    await conn?.close();
    await cluster?.stop();
  });

  it('the replica is in recovery, streaming from the primary', async () => {
    const replica = new pg.Client({ connectionString: cluster.replica!.url });
    await replica.connect();
    try {
      expect((await replica.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
    } finally {
      await replica.end();
    }
    const senders = await conn.pool.query("SELECT state FROM pg_stat_replication");
    expect(senders.rows.map((r) => r.state)).toEqual(['streaming']);
  });

  it('a row committed on the primary is soon read from the replica', async () => {
    expect(await migratePostgres(conn.pool)).toBe(true);
    // (db.execute() goes to the primary: withReplicas routes only select builders to replicas.)
    const schema = await poll(async () => {
      const { rows } = await conn.replicaPools[0]!.query<{ t: string | null }>("SELECT to_regclass('public.publications')::text AS t");
      return rows[0]?.t ?? undefined;
    });
    console.info(`pg-cluster: migrated schema visible on the replica after ${schema.ms.toFixed(1)} ms`);
    // Writes go to the primary even through the replica-routing `db`.
    await conn.db.insert(publications).values({ id: 'replicated', name: 'Replicated Times', url: null });
    const { value, ms } = await poll(async () => {
      const rows = await conn.db.select().from(publications); // a read: the replica
      return rows.find((r) => r.id === 'replicated');
    });
    console.info(`pg-cluster: row visible on the replica after ${ms.toFixed(1)} ms`);
    expect(value).toEqual({ id: 'replicated', name: 'Replicated Times', url: null });
    expect(ms).toBeLessThan(5000);
    // It really was the replica that answered the select, and the primary that took the write.
    const inRecovery = sql<boolean>`pg_is_in_recovery()`;
    expect(await conn.db.select({ r: inRecovery }).from(publications)).toEqual([{ r: true }]);
    expect(await conn.primary.select({ r: inRecovery }).from(publications)).toEqual([{ r: false }]);
  });
});
