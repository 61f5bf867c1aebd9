// Black-box: one database file, three writing processes at once. Two real server processes take
// 4 writer and 4 reader loops over HTTP while the import command loads another batch into the same
// file. SQLite lets one writer in at a time: the others must wait their turn (BEGIN IMMEDIATE and
// busy_timeout), never fail, and every write a client was told succeeded must be there afterwards.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IngestDocument } from '../src/schemas/ingest.js';
import { migrationsFolder } from '../src/paths.js';
import { checkProblem, testApp, sqliteOf } from './helpers/app.js';
import { random, syntheticArticle } from './helpers/fixtures.js';
import { articleFaults, fileFaults, rowCountFaults, writeNdjson } from './helpers/integrity.js';
import { NO_LIMITS_ENV, runCli, startCli, startServer, type ServerProcess } from './helpers/server.js';

// Real processes competing for 2 busy cores: generous timeouts.
vi.setConfig({ testTimeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-concurrency-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  rmSync(dir, { recursive: true, force: true });
});

const databasePath = join(dir, 'shared.sqlite');
// No rate limits or load shedding: the point is the database, not the budgets.
const SERVER_ENV = { DATABASE_PATH: databasePath, ...NO_LIMITS_ENV };
const IMPORTED = Array.from({ length: 1500 }, (_, i) => syntheticArticle(50_000 + i));
const MIN_WRITES_PER_WRITER = 40;
const LEAK = /SQLITE_|database is locked|database table is locked/i;

interface Exchange {
  method: string;
  url: string;
  status: number;
  ms: number;
  at: number;
  body: string;
  etag: string | null;
}

const log: Exchange[] = [];
const faults: string[] = [];

async function request(base: string, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const body = await res.text();
  const exchange = { method, url: path, status: res.status, ms: performance.now() - started, at: Date.now(), body, etag: res.headers.get('etag') };
  log.push(exchange);
  if (res.status >= 500 || LEAK.test(body)) faults.push(`${method} ${path}: ${res.status} ${body.slice(0, 300)}`);
  return exchange;
}

/** A revision of a synthetic article: new headline, topics and a sentence more, same parts. */
function revise(doc: IngestDocument, n: number): IngestDocument {
  return { ...doc, headline: `${doc.headline} rev ${n}`, topics: [...doc.topics.slice(0, 2), `rev-${n}`], body: `${doc.body} Revision ${n}.` };
}

interface Written {
  doc: IngestDocument;
  deleted: boolean;
}

/**
 * One writer: creates (POST, or PUT without If-Match), revises (PUT with the If-Match it just read,
 * from either server) and deletes (with If-Match) articles of its own, and checks each answer.
 */
async function writer(w: number, bases: [string, string], key: string, keepGoing: () => boolean, createdIds: string[]) {
  const next = random(1000 + w);
  const auth = { authorization: `Bearer ${key}` };
  const mine = new Map<string, Written>();
  const live = () => [...mine.values()].filter((x) => !x.deleted);
  const [own, other] = w % 2 ? [bases[1], bases[0]] : bases;
  let created = 0;
  let writes = 0;
  const expectStatus = (e: Exchange, status: number) => {
    if (e.status !== status) faults.push(`writer ${w}: ${e.method} ${e.url} answered ${e.status}, not ${status}: ${e.body.slice(0, 300)}`);
    return e.status === status;
  };
  while (writes < MIN_WRITES_PER_WRITER || keepGoing()) {
    writes++;
    const r = next();
    const candidates = live();
    if (candidates.length < 3 || r < 0.4) {
      const doc = syntheticArticle(100_000 + w * 10_000 + created++);
      const e = r < 0.2 ? await request(own, 'PUT', `/v1/articles/${doc.id}`, { headers: auth, body: doc }) : await request(own, 'POST', '/v1/articles', { headers: auth, body: doc });
      if (expectStatus(e, 201)) {
        mine.set(doc.id!, { doc, deleted: false });
        createdIds.push(doc.id!);
      }
      continue;
    }
    const target = candidates[Math.floor(next() * candidates.length)]!;
    // Read from either server: a write by the other process must be visible at once.
    const read = await request(next() < 0.5 ? own : other, 'GET', `/v1/articles/${target.doc.id}`);
    if (!expectStatus(read, 200)) continue;
    const ifMatch = { ...auth, 'if-match': read.etag! };
    if (r < 0.8) {
      const doc = revise(syntheticArticle(Number(target.doc.id!.split('-').at(-1))), writes);
      const e = await request(own, 'PUT', `/v1/articles/${doc.id}`, { headers: ifMatch, body: doc });
      if (expectStatus(e, 200)) target.doc = doc;
    } else {
      const e = await request(own, 'DELETE', `/v1/articles/${target.doc.id}`, { headers: ifMatch });
      if (expectStatus(e, 204)) target.deleted = true;
    }
  }
  return [...mine.values()];
}

/** One reader: lists, items, search, sub-resources and conditional GETs, until told to stop. */
async function reader(r: number, base: string, ids: () => string[], keepGoing: () => boolean) {
  const next = random(2000 + r);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const etags = new Map<string, string>();
  while (keepGoing()) {
    const id = pick(ids());
    const path = pick([
      '/v1/articles?limit=20',
      '/v1/articles?limit=50&sort=headline',
      '/v1/articles?topic=synthetic&kind=op-ed&limit=10',
      `/v1/articles/${id}?include=body,actors,recommendations,quotations`,
      `/v1/articles/${id}/recommendations`,
      '/v1/search?q=talks&limit=10',
      '/v1/search?q=plan+number&type=recommendation',
      // A full page of hits that writers keep replacing: ranked and described must agree.
      '/v1/search?q=open+talks&limit=50',
      '/v1/recommendations?limit=50&strength=must',
      '/v1/quotations?limit=20',
      '/v1/actors/pakistan/recommendations?sort=priority',
      '/v1/actors?limit=10',
      '/v1/sources',
    ]);
    const etag = etags.get(path);
    const e = await request(base, 'GET', path, etag && next() < 0.5 ? { headers: { 'if-none-match': etag } } : {});
    const articleItem = path.startsWith(`/v1/articles/${id}`);
    if (!(e.status === 200 || e.status === 304 || (articleItem && e.status === 404))) {
      faults.push(`reader ${r}: GET ${path} answered ${e.status}: ${e.body.slice(0, 300)}`);
    }
    if (e.etag) etags.set(path, e.etag);
    // Follow a list one page on: cursors hold while articles come and go.
    const cursor = e.status === 200 && path.startsWith('/v1/articles?') ? (JSON.parse(e.body).page.nextCursor as string | null) : null;
    if (cursor) {
      const page = await request(base, 'GET', `${path}&cursor=${encodeURIComponent(cursor)}`);
      if (page.status !== 200) faults.push(`reader ${r}: next page of ${path} answered ${page.status}: ${page.body.slice(0, 300)}`);
    }
  }
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe('two servers and the import command writing one database file at once', () => {
  it('answers every request without a 5xx or a lock error, and keeps every acknowledged write', async () => {
    const created = runCli('keys', ['create', '--name', 'desk', '--scope', 'write'], { DATABASE_PATH: databasePath });
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;

    servers.push(startServer(SERVER_ENV), startServer(SERVER_ENV));
    const bases = (await Promise.all(servers.map((s) => s.listening))) as [string, string];

    const batch = join(dir, 'batch.ndjson');
    writeNdjson(batch, IMPORTED);
    const started = Date.now();
    const importer = startCli('import', [batch], { DATABASE_PATH: databasePath });
    let importEnded = 0;
    const importExit = importer.done.then(({ code }) => ((importEnded = Date.now()), code));

    // Writers go on while the import runs; readers while anyone writes.
    let writing = true;
    const createdIds: string[] = [];
    const knownIds = () => [...IMPORTED.slice(0, 50).map((d) => d.id!), ...createdIds.slice(-50)];
    const writers = [0, 1, 2, 3].map((w) => writer(w, bases, key, () => !importEnded, createdIds));
    const readers = [0, 1, 2, 3].map((r) => reader(r, bases[r % 2]!, knownIds, () => writing));
    const written = (await Promise.all(writers)).flat();
    writing = false;
    await Promise.all(readers);
    expect(await importExit, importer.output()).toBe(0);
    const importOutput = importer.output();
    const duration = (Date.now() - started) / 1000;
    const load = log.splice(0);

    // On failure, show what the servers logged about it.
    const errorLogs = servers.flatMap((s) => s.output().split('\n').filter((l) => l.includes('"level":50'))).join('\n');
    expect(faults, errorLogs).toEqual([]);
    expect(importOutput).toContain(`imported ${IMPORTED.length} of ${IMPORTED.length} document(s)`);
    expect(importOutput).toContain(`${IMPORTED.length} created, 0 replaced, 0 unchanged, 0 failed`);
    const writes = load.filter((e) => e.method !== 'GET');
    const duringImport = writes.filter((e) => e.at - e.ms >= started && e.at <= importEnded).length;
    expect(duringImport).toBeGreaterThan(0);

    // Every acknowledged write, as both servers serve it now: revisions whole, deletes gone.
    const live = written.filter((x) => !x.deleted);
    for (const { doc, deleted } of written) {
      const [a, b] = await Promise.all(bases.map((base) => request(base, 'GET', `/v1/articles/${doc.id}?include=body,actors,recommendations,quotations`)));
      if (deleted) {
        expect([a!.status, b!.status], doc.id).toEqual([404, 404]);
        continue;
      }
      expect([a!.status, b!.status], doc.id).toEqual([200, 200]);
      expect(a!.etag).toBe(b!.etag);
      const article = JSON.parse(a!.body);
      expect([article.headline, article.topics, article.body], doc.id).toEqual([doc.headline, doc.topics, doc.body]);
      expect(article.counts).toEqual({ actors: 2, recommendations: 2, quotations: 1 });
    }
    for (const base of bases) {
      const list = await request(base, 'GET', '/v1/articles?limit=1');
      expect(JSON.parse(list.body).page.total).toBe(IMPORTED.length + live.length);
    }

    for (const server of servers.splice(0)) {
      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toBe(0);
      expect(server.output()).not.toMatch(LEAK);
      expect(server.output()).not.toContain('"level":50');
    }

    // The file itself: sound, and each article whole, whichever process wrote it.
    const sqlite = new Database(databasePath);
    try {
      expect(fileFaults(sqlite)).toEqual([]);
      const present = [...IMPORTED, ...live.map((x) => x.doc)];
      expect(present.flatMap((doc) => articleFaults(sqlite, doc))).toEqual([]);
      expect(rowCountFaults(sqlite, present)).toEqual([]);
    } finally {
      sqlite.close();
    }

    const reads = load.length - writes.length;
    const ms = writes.map((e) => e.ms);
    console.log(
      `concurrency: ${load.length} requests in ${duration.toFixed(1)} s (${reads} reads, ${writes.length} writes: ` +
        `${writes.filter((e) => e.method === 'POST').length} POST, ${writes.filter((e) => e.method === 'PUT').length} PUT, ` +
        `${writes.filter((e) => e.method === 'DELETE').length} DELETE; ${duringImport} while the import ran); ` +
        `write latency p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ` +
        `${live.length} articles live, ${written.length - live.length} deleted; import: ${/imported .*/.exec(importOutput)?.[0]}`,
    );
  });
});

describe('processes starting on a new database file at once', () => {
  it('apply the migrations once: the others wait for the write lock, then find nothing to do', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = join(dir, `fresh-${round}.sqlite`);
      const runs = await Promise.all(
        ['migrate', 'migrate', 'migrate', 'keys'].map((script) =>
          // keys create, not list: a command that only reads refuses a database that does not exist yet.
          startCli(script, script === 'keys' ? ['create', '--name', 'desk', '--scope', 'write'] : [], { DATABASE_PATH: fresh }).done,
        ),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const sqlite = new Database(fresh, { readonly: true });
      try {
        const applied = sqlite.prepare('SELECT count(*) FROM "__drizzle_migrations"').pluck().get();
        expect(applied).toBe(readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        sqlite.close();
      }
    }
  });
});

describe('a write that waits for the lock longer than busy_timeout', () => {
  it('answers 503 problem+json with Retry-After, not a 500, and writes nothing', async () => {
    const path = join(dir, 'busy.sqlite');
    const app = await testApp({ databasePath: path });
    const key = await app.store.createKey('desk', ['write']);
    sqliteOf(app).pragma('busy_timeout = 50');
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const doc = syntheticArticle(7);
      const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${key}` }, payload: doc });
      expect(checkProblem(res, 503).detail).toBe('The database is busy (another process holds its write lock); nothing was changed. Retry in a second.');
      expect(res.headers['retry-after']).toBe('1');
      holder.exec('ROLLBACK');
      expect((await app.inject(`/v1/articles/${doc.id}`)).statusCode).toBe(404);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
