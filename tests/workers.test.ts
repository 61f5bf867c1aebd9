// Black-box: WORKERS=N, the real server as `npm start` runs it, as a node:cluster primary and its
// workers sharing one port and one SQLite file (and, with TEST_DATABASE_URL, one PostgreSQL database).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { syntheticArticle } from './helpers/fixtures.js';
import { createEmptyDatabase, SKIP_MESSAGE, TEST_DATABASE_URL } from './helpers/postgres.js';
import { NO_LIMITS_ENV, runCli, startServer, type ServerProcess } from './helpers/server.js';

// Several real processes on a loaded machine: generous timeouts.
vi.setConfig({ testTimeout: 90_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  pid: number;
  msg: string;
  worker?: number;
  workerPid?: number;
  role?: string;
  req?: { method: string; url: string };
}

/** The server's JSON log lines (the primary's and every worker's, interleaved). */
const lines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

async function until(condition: () => boolean, what: string, server: ServerProcess, ms = 40_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A request on a connection of its own, as many different clients make them: node:cluster hands each new connection to the next worker. */
function request(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: options.method ?? 'GET', agent: false, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The pids of the workers that logged `msg` (the primary logs each one's listening). */
const workerPids = (server: ServerProcess) =>
  lines(server.output())
    .filter((l) => l.msg === 'worker listening')
    .map((l) => l.workerPid!);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

describe('WORKERS=2', () => {
  it('prepares a new database once, serves reads and writes on one port from two processes, and stops them all on SIGTERM', async () => {
    const databasePath = join(dir, 'shared.sqlite');
    const server = startServer({ DATABASE_PATH: databasePath, WORKERS: '2', ...NO_LIMITS_ENV });
    const base = await server.listening;
    await until(() => server.output().includes('"msg":"all workers listening"'), 'both workers to listen', server);
    const primaryPid = server.child.pid!;
    const workers = workerPids(server);
    expect(workers).toHaveLength(2);
    expect(new Set(workers).size).toBe(2);
    expect(workers).not.toContain(primaryPid);

    // Migrations and the seed ran once, in the primary, before any worker started.
    const seeded = lines(server.output()).filter((l) => l.msg === 'new database: migrations applied and seed loaded');
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ pid: primaryPid, role: 'primary' });
    const firstWorkerLine = lines(server.output()).findIndex((l) => l.worker !== undefined);
    expect(lines(server.output()).indexOf(seeded[0]!)).toBeLessThan(firstWorkerLine);

    // Every worker reads the list (and keeps it in its response cache) before the write.
    for (let i = 0; i < 4; i++) {
      const list = await request(base, '/v1/articles');
      expect(list.status).toBe(200);
      expect(JSON.parse(list.body).data.map((a: { id: string }) => a.id)).toEqual(['2026-01-10-anti-terrorism-fight']);
    }

    // A key made by the command while the server runs: the same file, shared through WAL.
    const created = runCli('keys', ['create', '--name', 'desk', '--scope', 'write'], { DATABASE_PATH: databasePath });
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    const doc = syntheticArticle(7);
    const written = await request(base, '/v1/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(doc),
    });
    expect(written.status, written.body).toBe(201);

    // The write, made by one worker, is read by both: neither answers from its stale cache.
    const before = server.output().length;
    for (let i = 0; i < 6; i++) {
      const list = await request(base, '/v1/articles');
      expect(list.status).toBe(200);
      expect(JSON.parse(list.body).data.map((a: { id: string }) => a.id)).toContain(doc.id);
      const article = await request(base, `/v1/articles/${doc.id}`);
      expect(article.status, article.body).toBe(200);
    }
    await until(() => lines(server.output().slice(before)).filter((l) => l.msg === 'incoming request').length >= 12, 'the request logs', server);
    const readers = new Set(
      lines(server.output().slice(before))
        .filter((l) => l.msg === 'incoming request' && l.req?.method === 'GET')
        .map((l) => l.pid),
    );
    expect([...readers].sort()).toEqual([...workers].sort());

    // An upload in flight when the primary is signalled: its worker finishes it before stopping.
    const late = syntheticArticle(8);
    const payload = Buffer.from(`${' '.repeat(300_000)}${JSON.stringify(late)}`);
    const upload = http.request(`${base}/v1/articles`, {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': String(payload.length) },
    });
    const answer = new Promise<number>((resolve, reject) => {
      upload.on('error', reject);
      upload.on('response', (res) => (res.resume(), resolve(res.statusCode!)));
    });
    upload.write(payload.subarray(0, payload.length >> 1));
    const posts = () => lines(server.output()).filter((l) => l.msg === 'incoming request' && l.req?.method === 'POST').length;
    await until(() => posts() === 2, 'the upload to start', server);

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await until(() => lines(server.output()).filter((l) => l.msg === 'shutting down').length === 2, 'both workers to begin their shutdown', server);
    upload.end(payload.subarray(payload.length >> 1));
    expect(await answer).toBe(201);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(8_000);
    const stopped = lines(server.output()).filter((l) => l.msg === 'closed: no request in flight, database closed');
    expect(stopped.map((l) => l.pid).sort()).toEqual([...workers].sort());
    expect(server.output()).toContain('"msg":"every worker stopped"');
    for (const pid of workers) expect(alive(pid), `worker ${pid} left running`).toBe(false);

    // The last worker to close checkpointed the WAL; the file is whole and holds every article written.
    const wal = `${databasePath}-wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0, 'WAL left behind').toBe(true);
    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = (db.prepare('SELECT id FROM articles').all() as Array<{ id: string }>).map((r) => r.id);
      expect(ids.sort()).toEqual([doc.id, late.id, '2026-01-10-anti-terrorism-fight'].sort());
    } finally {
      db.close();
    }
  });

  it('replaces a worker that dies, and keeps serving', async () => {
    const server = startServer({ DATABASE_PATH: join(dir, 'replace.sqlite'), WORKERS: '2', ...NO_LIMITS_ENV });
    const base = await server.listening;
    await until(() => server.output().includes('"msg":"all workers listening"'), 'both workers to listen', server);
    const [victim, survivor] = workerPids(server) as [number, number];

    process.kill(victim, 'SIGKILL');
    await until(() => workerPids(server).length === 3, 'a replacement worker to listen', server);
    const exited = lines(server.output()).find((l) => l.msg === 'worker exited unexpectedly: starting a replacement');
    expect(exited).toMatchObject({ workerPid: victim, role: 'primary' });
    const replacement = workerPids(server)[2]!;
    expect([victim, survivor]).not.toContain(replacement);
    for (let i = 0; i < 4; i++) expect((await request(base, '/health')).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    for (const pid of [survivor, replacement]) expect(alive(pid), `worker ${pid} left running`).toBe(false);
  });

  it('leaves no worker behind when the primary is killed, and the next start serves the same file', async () => {
    const databasePath = join(dir, 'killed.sqlite');
    const server = startServer({ DATABASE_PATH: databasePath, WORKERS: '2', ...NO_LIMITS_ENV });
    const base = await server.listening;
    await until(() => server.output().includes('"msg":"all workers listening"'), 'both workers to listen', server);
    const workers = workerPids(server);
    expect((await request(base, '/v1/articles')).status).toBe(200);

    server.child.kill('SIGKILL');
    await server.exited;
    const deadline = Date.now() + 10_000;
    while (workers.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const pid of workers) expect(alive(pid), `worker ${pid} left running`).toBe(false);

    const again = startServer({ DATABASE_PATH: databasePath, WORKERS: '2', ...NO_LIMITS_ENV });
    const list = await request(await again.listening, '/v1/articles');
    expect(JSON.parse(list.body).data.map((a: { id: string }) => a.id)).toEqual(['2026-01-10-anti-terrorism-fight']);
    await until(() => again.output().includes('"msg":"all workers listening"'), 'both workers to listen', again);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('ends a crash loop (here: the port is taken) with a clear message and exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const server = startServer({ DATABASE_PATH: join(dir, 'loop.sqlite'), WORKERS: '2', PORT: String(port) });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('EADDRINUSE');
      expect(server.output()).toMatch(/workers keep crashing \(6 exits within 60 s\): stopping the server/);
      const pids = lines(server.output())
        .filter((l) => l.msg === 'worker exited unexpectedly: starting a replacement')
        .map((l) => l.workerPid!);
      expect(pids).toHaveLength(5);
      for (const pid of pids) expect(alive(pid)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('refuses an invalid WORKERS with exit 1 and a clear message', async () => {
    for (const value of ['0', 'many']) {
      const server = startServer({ DATABASE_PATH: join(dir, 'invalid.sqlite'), WORKERS: value });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`Invalid configuration: WORKERS="${value}" must be an integer from 1 to 64, or auto (one per core)`);
      expect(server.output()).not.toContain('listening');
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('WORKERS=2 on PostgreSQL', () => {
  it('migrates and seeds a new database once, in the primary, serves from both workers and stops them all', async () => {
    const database = await createEmptyDatabase();
    try {
      const server = startServer({ DATABASE_URL: database.url, WORKERS: '2', ...NO_LIMITS_ENV });
      const base = await server.listening;
      await until(() => server.output().includes('"msg":"all workers listening"'), 'both workers to listen', server);
      const seeded = lines(server.output()).filter((l) => l.msg === 'new database: migrations applied and seed loaded');
      expect(seeded).toHaveLength(1);
      expect(seeded[0]).toMatchObject({ pid: server.child.pid, role: 'primary' });
      const workers = workerPids(server);
      const before = server.output().length;
      for (let i = 0; i < 4; i++) {
        const list = await request(base, '/v1/articles');
        expect(JSON.parse(list.body).data.map((a: { id: string }) => a.id)).toEqual(['2026-01-10-anti-terrorism-fight']);
      }
      await until(() => lines(server.output().slice(before)).filter((l) => l.msg === 'incoming request').length >= 4, 'the request logs', server);
      const readers = new Set(lines(server.output().slice(before)).filter((l) => l.msg === 'incoming request').map((l) => l.pid));
      expect([...readers].sort()).toEqual([...workers].sort());
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      for (const pid of workers) expect(alive(pid), `worker ${pid} left running`).toBe(false);
    } finally {
      await database.drop();
    }
  });
});

if (!TEST_DATABASE_URL) console.warn(`WORKERS on PostgreSQL: ${SKIP_MESSAGE}`);
