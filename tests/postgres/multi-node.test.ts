// Two API nodes, as they would run behind a load balancer: real server processes (npm start's
// src/server.ts) on one PostgreSQL primary and its streaming replica (tests/helpers/pg-cluster.ts),
// sharing their rate-limit budgets through Redis. Both start at once on a fresh database (one
// migrates it, once). Then 8 workers write their own articles through a random node and read each
// write back through the OTHER node with the Min-Data-Version the write answered, for ~10 s:
// no acknowledged write is lost, no read after a write shows an older version, deletes stay
// deleted, nothing answers 5xx. Last, one client's reads spread over both nodes are admitted
// exactly as often as the one budget allows.
// Needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and TEST_REDIS_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPostgresMigrations } from '../../db/client.postgres.js';
import { syntheticArticle } from '../helpers/fixtures.js';
import { CLUSTER_SKIP_MESSAGE, PG_BIN, startCluster, type Cluster } from '../helpers/pg-cluster.js';
import { deleteNameSpace, REDIS_SKIP_MESSAGE, redisAnswers, TEST_REDIS_URL, uniqueNameSpace } from '../helpers/redis.js';
import { NO_LIMITS_ENV, runCli, startServer, type ServerProcess } from '../helpers/server.js';

const redisOk = await redisAnswers();
const skip = !PG_BIN || !redisOk;
if (skip) console.warn(`multi-node test skipped: ${[!PG_BIN && CLUSTER_SKIP_MESSAGE, !redisOk && REDIS_SKIP_MESSAGE].filter(Boolean).join('; ')}`);

const WORKERS = 8;
const DURATION_MS = Number(process.env.MULTI_NODE_SECONDS ?? 10) * 1000;
/** The small read budget both nodes are given: one client's reads across both count against it. */
const READ_BUDGET = 25;
const BUDGET_CLIENT = '203.0.113.7';

interface Reply {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

/** A client address of its own for each workload request, so the workload never meets the budget. */
const randomClient = () => `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}`;

async function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
  const t0 = performance.now();
  const res = await fetch(base + path, {
    method,
    headers: { 'x-forwarded-for': randomClient(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text, ms: performance.now() - t0 };
}

/** Whether /v1/search on that node finds the article by the number in its headline and body. */
async function found(base: string, id: string, headers: Record<string, string> = {}): Promise<boolean> {
  const res = await call(base, 'GET', `/v1/search?q=${id.split('-').at(-1)}&type=article`, headers);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { data: Array<{ article: { id: string } }> }).data.some((hit) => hit.article.id === id);
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) =>
  `n=${values.length} p50=${percentile(values, 50).toFixed(1)} ms p99=${percentile(values, 99).toFixed(1)} ms max=${percentile(values, 100).toFixed(1)} ms`;

describe.skipIf(skip)('two API nodes on a primary and a replica, with budgets in Redis', { timeout: 180_000 }, () => {
  let cluster: Cluster;
  let nodes: ServerProcess[] = [];
  let bases: string[] = [];
  let key: string;
  const nameSpace = uniqueNameSpace('multi-node');

  beforeAll(async () => {
    cluster = await startCluster({ replica: true });
    const env = {
      ...NO_LIMITS_ENV,
      DATABASE_URL: cluster.primary.url,
      DATABASE_REPLICA_URLS: cluster.replica!.url,
      REDIS_URL: TEST_REDIS_URL!,
      RATE_LIMIT_NAMESPACE: nameSpace,
      RATE_LIMIT_READS: String(READ_BUDGET),
      TRUST_PROXY: 'true', // X-Forwarded-For names the client: the workload's clients are many, the budget's one
      LOG_LEVEL: 'info', // the helper waits for "Server listening"
    };
    // Both at once, on a database nothing has migrated yet.
    nodes = [startServer(env), startServer(env)];
    bases = await Promise.all(nodes.map((n) => n.listening));
    const created = runCli('keys', ['create', '--name', 'multi-node', '--scope', 'write'], { DATABASE_URL: cluster.primary.url });
    expect(created.code, created.stderr).toBe(0);
    key = created.stdout.trim().split('\n').at(-1)!;
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) node.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    await cluster?.stop();
    if (redisOk) await deleteNameSpace(nameSpace);
  });

  it('both nodes started at once on a fresh database: migrated once, seeded once', async () => {
    const client = new pg.Client({ connectionString: cluster.primary.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id');
      expect(rows.map((r) => r.hash)).toEqual(readPostgresMigrations().map((m) => m.hash));
      const articles = await client.query<{ n: string }>('SELECT count(*) AS n FROM articles');
      expect(Number(articles.rows[0]!.n)).toBe(1);
    } finally {
      await client.end();
    }
    const logs = nodes.map((n) => n.output());
    expect(logs.filter((l) => l.includes('new database: migrations applied and seed loaded'))).toHaveLength(1);
  });

  it('8 workers writing through one node and reading through the other: nothing lost, nothing stale, no 5xx', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const counts = { post: 0, put: 0, delete: 0, reads: 0, stale: 0, lost: 0, fivexx: 0, unexpected: 0, resurrected: 0 };
    const writeMs: number[] = [];
    const readMs: number[] = [];
    const problems: string[] = [];
    /** What each acknowledged write left: the article's body and ETag, or deleted. */
    const acknowledged = new Map<string, { etag: string; body: string } | 'deleted'>();
    let maxVersion = 0n;
    const note = (r: Reply, what: string, expected: number[]) => {
      if (r.status >= 500) counts.fivexx++;
      if (!expected.includes(r.status)) {
        counts.unexpected++;
        if (problems.length < 10) problems.push(`${what}: ${r.status} ${r.body.slice(0, 200)}`);
        return false;
      }
      return true;
    };
    const deadline = performance.now() + DURATION_MS;

    const worker = async (w: number) => {
      const live: string[] = [];
      let n = 0;
      while (performance.now() < deadline) {
        const a = Math.random() < 0.5 ? 0 : 1;
        const [writer, reader] = [bases[a]!, bases[1 - a]!];
        const roll = Math.random();
        let id: string;
        let write: Reply;
        if (!live.length || roll < 0.45) {
          const doc = syntheticArticle(100_000 + w * 10_000 + n++);
          id = doc.id!;
          write = await call(writer, 'POST', '/v1/articles', auth, doc);
          if (!note(write, `POST ${id}`, [201])) continue;
          counts.post++;
          live.push(id);
        } else {
          id = live[(Math.random() * live.length) | 0]!;
          const known = acknowledged.get(id) as { etag: string; body: string };
          if (roll < 0.85) {
            const next = syntheticArticle(Number(id.split('-').at(-1)));
            next.headline = `${next.headline} revision ${n++} by worker ${w}`;
            write = await call(writer, 'PUT', `/v1/articles/${id}`, { ...auth, 'if-match': known.etag }, next);
            if (!note(write, `PUT ${id}`, [200])) continue;
            counts.put++;
          } else {
            write = await call(writer, 'DELETE', `/v1/articles/${id}`, { ...auth, 'if-match': known.etag });
            if (!note(write, `DELETE ${id}`, [204])) continue;
            counts.delete++;
            live.splice(live.indexOf(id), 1);
          }
        }
        writeMs.push(write.ms);
        const version = write.headers.get('data-version');
        if (!version) {
          counts.unexpected++;
          problems.push(`${id}: the write answered no Data-Version`);
          continue;
        }
        if (BigInt(version) > maxVersion) maxVersion = BigInt(version);
        const state = write.status === 204 ? 'deleted' : { etag: write.headers.get('etag')!, body: write.body };
        acknowledged.set(id, state);
        // Read it back through the other node, asking for at least the version the write answered.
        const read = await call(reader, 'GET', `/v1/articles/${id}`, { 'min-data-version': version });
        readMs.push(read.ms);
        counts.reads++;
        if (read.status >= 500) counts.fivexx++;
        const fresh =
          state === 'deleted'
            ? read.status === 404
            : read.status === 200 && read.headers.get('etag') === state.etag && read.body === state.body;
        if (!fresh) {
          counts.stale++;
          if (problems.length < 10) problems.push(`stale read of ${id} after ${write.status}: ${read.status} ${read.headers.get('etag')}`);
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const seconds = (performance.now() - t0) / 1000;

    // At the end, every acknowledged write is there, identical, on both nodes; deletes stay deleted.
    const finalMs: number[] = [];
    for (const [id, state] of acknowledged) {
      for (const base of bases) {
        const read = await call(base, 'GET', `/v1/articles/${id}`, { 'min-data-version': String(maxVersion) });
        finalMs.push(read.ms);
        if (read.status >= 500) counts.fivexx++;
        if (state === 'deleted') {
          if (read.status !== 404) counts.resurrected++;
        } else if (read.status !== 200 || read.headers.get('etag') !== state.etag || read.body !== state.body) {
          counts.lost++;
          if (problems.length < 10) problems.push(`${id} on ${base}: ${read.status} ${read.headers.get('etag')}, acknowledged ${state.etag}`);
        }
      }
    }
    const writes = counts.post + counts.put + counts.delete;
    console.info(
      `multi-node: ${WORKERS} workers, ${seconds.toFixed(1)} s: ${writes} acknowledged writes (${counts.post} POST, ${counts.put} PUT, ` +
        `${counts.delete} DELETE; ${(writes / seconds).toFixed(0)}/s), ${counts.reads} reads on the other node; ` +
        `${acknowledged.size} articles checked on both nodes at the end; lost ${counts.lost}, stale ${counts.stale}, ` +
        `resurrected ${counts.resurrected}, 5xx ${counts.fivexx}, unexpected ${counts.unexpected}\n` +
        `  writes ${summary(writeMs)}\n  reads after a write (Min-Data-Version) ${summary(readMs)}\n  final reads ${summary(finalMs)}`,
    );
    if (problems.length) console.info(`multi-node problems:\n  ${problems.join('\n  ')}`);
    expect(writes).toBeGreaterThan(50);
    expect(counts).toMatchObject({ lost: 0, stale: 0, resurrected: 0, fivexx: 0, unexpected: 0 });
  });

  it('with the replica not replaying, reads after a write still show it: on the writing node, and on the other with Min-Data-Version', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const replica = new pg.Client({ connectionString: cluster.replica!.url });
    await replica.connect();
    const doc = syntheticArticle(900_001);
    let etag: string | null;
    try {
      await replica.query('SELECT pg_wal_replay_pause()');
      const write = await call(bases[0]!, 'POST', '/v1/articles', auth, doc);
      expect(write.status).toBe(201);
      etag = write.headers.get('etag');
      const version = write.headers.get('data-version')!;
      // The replica does not have it...
      expect((await replica.query('SELECT 1 FROM articles WHERE id = $1', [doc.id])).rowCount).toBe(0);
      for (let i = 0; i < 3; i++) {
        // ...but the node that wrote it reads it (from the primary, until the replica shows it),
        const own = await call(bases[0]!, 'GET', `/v1/articles/${doc.id}`);
        expect([own.status, own.headers.get('etag')]).toEqual([200, etag]);
        // and so does the other node for a client that names the write's version.
        const other = await call(bases[1]!, 'GET', `/v1/articles/${doc.id}`, { 'min-data-version': version });
        expect([other.status, other.headers.get('etag')]).toEqual([200, etag]);
        // Search too: it reads the primary while the replica lags behind what this node must show.
        expect(await found(bases[0]!, doc.id!)).toBe(true);
        expect(await found(bases[1]!, doc.id!, { 'min-data-version': version })).toBe(true);
      }
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
      await replica.end();
    }
    // Replaying again, the replica soon has it: the other node shows it without being asked to.
    const t0 = performance.now();
    for (;;) {
      const plain = await call(bases[1]!, 'GET', `/v1/articles/${doc.id}`);
      if (plain.status === 200) {
        expect(plain.headers.get('etag')).toBe(etag);
        break;
      }
      expect(performance.now() - t0).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    // And search, which runs on the replica again once it has caught up.
    expect(await found(bases[1]!, doc.id!)).toBe(true);
  });

  it("one client's reads over both nodes are admitted exactly as often as the one budget in Redis allows", async () => {
    const attempts = 3 * READ_BUDGET;
    const replies = await Promise.all(
      Array.from({ length: attempts }, (_, i) => call(bases[i % 2]!, 'GET', '/v1/articles?limit=1', { 'x-forwarded-for': BUDGET_CLIENT })),
    );
    const admitted = [0, 1].map((node) => replies.filter((r, i) => i % 2 === node && r.status === 200).length);
    const refused = replies.filter((r) => r.status === 429).length;
    console.info(`multi-node budget: ${attempts} reads from one client, admitted ${admitted.join(' + ')} = ${admitted[0]! + admitted[1]!} (budget ${READ_BUDGET}), refused ${refused}`);
    expect(admitted[0]! + admitted[1]!).toBe(READ_BUDGET);
    expect(admitted[0]).toBeGreaterThan(0);
    expect(admitted[1]).toBeGreaterThan(0);
    expect(refused).toBe(attempts - READ_BUDGET);
    // Health checks stand outside the budgets on every node.
    for (const base of bases) expect((await call(base, 'GET', '/health', { 'x-forwarded-for': BUDGET_CLIENT })).status).toBe(200);
  });
});
