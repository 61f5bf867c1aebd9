// Black-box: SIGTERM to the real server process while uploads are still streaming in.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { syntheticArticle } from './helpers/fixtures.js';
import { NO_LIMITS_ENV, runCli, startServer, type ServerProcess } from './helpers/server.js';

// Real processes on a loaded machine: generous timeouts.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** A key made before the server starts: the command migrates the file, so the server does not seed it. */
function writeKey(databasePath: string): string {
  const created = runCli('keys', ['create', '--name', 'desk', '--scope', 'write'], { DATABASE_PATH: databasePath });
  expect(created.code, created.stderr).toBe(0);
  return created.stdout.trim().split('\n').at(-1)!;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A POST of `doc`, padded to about 600 KB of JSON, of which only the first half is sent now: the
 * request stays in flight until `finish()` sends the rest. A keep-alive agent, as real clients use:
 * it keeps the connection open after the answer unless the server says `Connection: close`.
 */
function slowPost(base: string, key: string, doc: object) {
  const payload = Buffer.from(`${' '.repeat(600_000)}${JSON.stringify(doc)}`);
  const agent = new http.Agent({ keepAlive: true });
  const req = http.request(`${base}/v1/articles`, {
    method: 'POST',
    agent,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'content-length': String(payload.length),
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
  });
  answer.catch(() => undefined); // awaited by the test; a stalled upload is never answered
  const half = payload.length >> 1;
  req.write(payload.subarray(0, half));
  return { answer, finish: () => req.end(payload.subarray(half)) };
}

/** A GET on a new connection: its status, or the connection error's code. */
function probe(base: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/health`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function until(condition: () => boolean, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Fastify logs each request as it starts, before its body arrives: proof the uploads are in flight. */
const postsStarted = (server: ServerProcess) =>
  server.output().split('\n').filter((l) => l.includes('"msg":"incoming request"') && l.includes('"method":"POST"')).length;

function checkDatabaseFile(databasePath: string) {
  // The last connection to close checkpoints the WAL into the file and deletes it.
  const wal = `${databasePath}-wal`;
  expect(!existsSync(wal) || statSync(wal).size === 0, 'WAL left behind').toBe(true);
  const db = new Database(databasePath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT id FROM articles ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('shutdown on SIGTERM', () => {
  it('refuses new connections, finishes the uploads in flight, closes the database and exits 0', async () => {
    const databasePath = join(dir, 'graceful.sqlite');
    const key = writeKey(databasePath);
    const server = startServer({ DATABASE_PATH: databasePath, ...NO_LIMITS_ENV });
    const base = await server.listening;

    const docs = [1, 2, 3].map(syntheticArticle);
    const uploads = docs.map((doc) => slowPost(base, key, doc));
    await until(() => postsStarted(server) === docs.length, 'the uploads to start');

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await until(() => server.output().includes('shutting down'), 'the shutdown log line');
    expect(server.output()).toContain('"inFlight":3');

    // The listening socket is closed: a new client is refused (or, if it got in first, told 503).
    const newcomer = await probe(base);
    expect(['ECONNREFUSED', 'ECONNRESET', 503], `new connection got ${newcomer}`).toContain(newcomer);

    // Only now do the uploads complete; each is stored and answered, and told not to reuse the connection.
    for (const upload of uploads) upload.finish();
    const answers = await Promise.all(uploads.map((u) => u.answer));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, answer.body).toBe(201);
      expect(answer.headers.location).toBe(`/v1/articles/${docs[i]!.id}`);
      expect(answer.headers.connection).toBe('close');
    }

    expect(await server.exited).toBe(0);
    const shutdownMs = Date.now() - signalled;
    // Far below Fastify's 72 s keep-alive timeout and the 10 s shutdown limit.
    expect(shutdownMs).toBeLessThan(8_000);
    expect(server.output()).toContain('closed: no request in flight, database closed');
    expect(server.output()).not.toContain('timed out');

    expect(existsSync(`${databasePath}-shm`)).toBe(false); // before a reader opens the file again
    expect(checkDatabaseFile(databasePath)).toEqual(docs.map((d) => d.id).sort());
  });

  it('gives up on a stalled upload after SHUTDOWN_TIMEOUT_SECONDS: logs it, closes the database and exits 1', async () => {
    const databasePath = join(dir, 'stalled.sqlite');
    const key = writeKey(databasePath);
    const server = startServer({ DATABASE_PATH: databasePath, ...NO_LIMITS_ENV, SHUTDOWN_TIMEOUT_SECONDS: '2' });
    const base = await server.listening;

    slowPost(base, key, syntheticArticle(9)); // never finished
    await until(() => postsStarted(server) === 1, 'the upload to start');
    const signalled = Date.now();
    server.child.kill('SIGTERM');

    expect(await server.exited).toBe(1);
    const waitedMs = Date.now() - signalled;
    expect(waitedMs).toBeGreaterThanOrEqual(1_900);
    expect(server.output()).toContain('shutdown timed out: requests still in flight, exiting');
    // The half-sent article is not stored, and the file is still whole.
    expect(checkDatabaseFile(databasePath)).toEqual([]);
  });
});

describe('shutdown with change streams open', () => {
  it('ends every Server-Sent Events stream, which would otherwise never finish, and exits 0 at once', async () => {
    const databasePath = join(dir, 'streams.sqlite');
    const key = writeKey(databasePath);
    const server = startServer({ DATABASE_PATH: databasePath, ...NO_LIMITS_ENV });
    const base = await server.listening;

    // Two followers on keep-alive connections, as EventSource keeps them.
    const agent = new http.Agent({ keepAlive: true });
    const streams = [0, 1].map(
      () =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.get(`${base}/v1/changes`, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
            res.on('error', reject);
          });
          req.on('error', reject);
        }),
    );
    const doc = syntheticArticle(4);
    const created = await fetch(`${base}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(doc),
    });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500)); // the streams push the write

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const ended = await Promise.all(streams);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    for (const stream of ended) {
      expect(stream.status).toBe(200);
      expect(stream.body).toContain(`"id":"${doc.id}","action":"upsert"`);
    }
    expect(server.output()).not.toContain('timed out');
  });
});
