// Black-box: `npm run backup` against the real server while it takes writes, and `npm run restore`
// of that backup into a database that a second server then serves.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrationsFolder } from '../src/paths.js';
import { syntheticArticle } from './helpers/fixtures.js';
import { NO_LIMITS_ENV, runCli, startCli, startServer, type ServerProcess } from './helpers/server.js';

// Real processes on a loaded machine: generous timeouts.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-backup-'));
const livePath = join(dir, 'live.sqlite');
const backupFile = join(dir, 'snapshot.sqlite');
const restoredPath = join(dir, 'restored', 'editorial.sqlite');
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  rmSync(dir, { recursive: true, force: true });
});

/** Like the helper's runCli, but without blocking this process, so requests go on meanwhile. */
const runCliAsync = (script: string, args: string[], env: Record<string, string>) => startCli(script, args, env).done;

const getJson = async (url: string) => {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return res.json();
};

/** Every item of a list, following nextCursor. */
async function allPages(base: string, path: string): Promise<Array<{ id: string }>> {
  const items: Array<{ id: string }> = [];
  let cursor: string | null = null;
  do {
    const page = await getJson(`${base}${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.data);
    cursor = page.page.nextCursor;
  } while (cursor);
  return items;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const synthetic = (id: string) => Number(/-synthetic-(\d+)$/.exec(id)?.[1] ?? NaN);

/** Per article: rows of each part, counting only parts whose served JSON was materialized. */
function partsOf(databasePath: string) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db
      .prepare(
        `SELECT a.id,
           (SELECT count(*) FROM article_documents d WHERE d.article_id = a.id) AS documents,
           (SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) AS actors,
           (SELECT count(*) FROM recommendations r WHERE r.article_id = a.id AND r.document IS NOT NULL) AS recommendations,
           (SELECT count(*) FROM quotations q WHERE q.article_id = a.id AND q.document IS NOT NULL) AS quotations
         FROM articles a ORDER BY a.id`,
      )
      .all() as Array<{ id: string; documents: number; actors: number; recommendations: number; quotations: number }>;
    return new Map(rows.map(({ id, ...parts }) => [id, parts]));
  } finally {
    db.close();
  }
}

let live: string;
let key: string;
/** What the backup holds, as read from its file. */
let inBackup: ReturnType<typeof partsOf>;

beforeAll(async () => {
  const server = startServer({ DATABASE_PATH: livePath, ...NO_LIMITS_ENV });
  servers.push(server);
  live = await server.listening;
  // Made while the server runs (the file is new, so it is also seeded): commands and server share it.
  const created = runCli('keys', ['create', '--name', 'desk', '--scope', 'write'], { DATABASE_PATH: livePath });
  expect(created.code, created.stderr).toBe(0);
  key = created.stdout.trim().split('\n').at(-1)!;
});

describe('npm run backup while the server writes', () => {
  it('takes a whole, consistent snapshot: every article complete, and exactly those written before it', async () => {
    // One writer, one article at a time: each POST commits before the next starts, so any
    // consistent snapshot holds articles 0..k-1 for some k, each with all its parts.
    const written: number[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${live}/v1/articles`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(syntheticArticle(i)),
        });
        if (res.status !== 201) throw new Error(`POST ${i}: ${res.status} ${await res.text()}`);
        written.push(i);
      }
    })();
    const until = async (n: number) => {
      while (written.length < n) await Promise.race([writer, new Promise((r) => setTimeout(r, 10))]);
    };

    await until(10);
    const before = written.length;
    const backup = await runCliAsync('backup', [backupFile], { DATABASE_PATH: livePath });
    const after = written.length;
    await until(after + 3); // the server took writes before, during and after the backup
    stop = true;
    await writer;

    expect(backup.code, backup.stderr).toBe(0);
    inBackup = partsOf(backupFile);
    const ids = [...inBackup.keys()];
    const k = ids.filter((id) => id.includes('-synthetic-')).length;
    console.log(`backup: ${before} articles written when it started, ${k} in it, ${after} when it ended; ${backup.stdout.trim()}`);
    expect(k).toBeGreaterThanOrEqual(before);
    expect(k).toBeLessThanOrEqual(after);
    expect(ids.sort()).toEqual(['2026-01-10-anti-terrorism-fight', ...written.slice(0, k).map((i) => syntheticArticle(i).id!)].sort());
    for (const [id, parts] of inBackup) {
      if (!id.includes('-synthetic-')) continue;
      const doc = syntheticArticle(synthetic(id));
      expect(parts, id).toEqual({
        documents: 1,
        actors: doc.actors.length,
        recommendations: doc.recommendations.length,
        quotations: doc.quotations.length,
      });
    }
    // The seed article, too, is whole: the same parts as in the live database.
    expect(inBackup.get('2026-01-10-anti-terrorism-fight')).toEqual(partsOf(livePath).get('2026-01-10-anti-terrorism-fight'));

    expect(backup.stdout).toContain(`backup of ${livePath} written to ${backupFile}`);
    const migrations = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(backup.stdout).toMatch(new RegExp(`^${k + 1} article\\(s\\), ${migrations} migration\\(s\\), \\d+ pages of 4096 bytes \\(\\d+ bytes\\), quick_check ok`, 'm'));
    // One self-contained file: nothing half-written or journal-like beside it.
    for (const suffix of ['-wal', '-shm', '-journal', '.partial']) expect(existsSync(backupFile + suffix), suffix).toBe(false);
  });

  it('restores into a new database that serves what the backup held, as the live server served it', async () => {
    expect(inBackup, 'needs the backup of the previous test').toBeDefined();
    const restored = runCli('restore', [backupFile], { DATABASE_PATH: restoredPath });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`restored ${backupFile} into ${restoredPath}`);
    expect(restored.stdout).toContain(`${inBackup.size} article(s)`);

    const server = startServer({ DATABASE_PATH: restoredPath, ...NO_LIMITS_ENV });
    servers.push(server);
    const copy = await server.listening;
    expect(server.output()).not.toContain('seed loaded'); // a restored database is not a new one

    // The list: the live one narrowed to the backup's articles, in the same order.
    const liveList = await allPages(live, '/v1/articles');
    const copyList = await allPages(copy, '/v1/articles');
    expect(liveList.length).toBeGreaterThan(inBackup.size);
    expect(copyList).toEqual(liveList.filter((a) => inBackup.has(a.id)));

    // Each article with every part, byte for byte.
    for (const id of inBackup.keys()) {
      const url = `/v1/articles/${id}?include=body,actors,recommendations,quotations`;
      const [fromLive, fromCopy] = await Promise.all([fetch(live + url), fetch(copy + url)]);
      expect(fromCopy.status, id).toBe(200);
      expect(await fromCopy.text(), id).toBe(await fromLive.text());
    }

    // Counts, against the backup file itself.
    const db = new Database(backupFile, { readonly: true });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const expected = { articles: count('articles'), recommendations: count('recommendations'), quotations: count('quotations') };
    db.close();
    for (const [resource, n] of Object.entries(expected)) {
      expect((await getJson(`${copy}/v1/${resource}?limit=1`)).page.total, resource).toBe(n);
    }
    expect(expected.recommendations).toBeGreaterThan(2 * (inBackup.size - 1) - 1);

    // The key came with the data: the restored server accepts writes from the same desk.
    const res = await fetch(`${copy}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(syntheticArticle(10_000)),
    });
    expect(res.status).toBe(201);

    // A crash leaves that write in the -wal file only; restoring over it must not let SQLite
    // replay the stale log over the restored pages.
    server.child.kill('SIGKILL');
    await server.exited;
    expect(readFileSync(`${restoredPath}-wal`).length).toBeGreaterThan(0);
    const again = runCli('restore', [backupFile], { DATABASE_PATH: restoredPath });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(`${restoredPath}-wal`)).toBe(false); // checked before a reader opens it again
    expect([...partsOf(restoredPath).keys()]).toEqual([...inBackup.keys()]);
  });
});

describe('refusals', () => {
  it('backup: no FILE, an existing FILE without --force, a missing database; --force replaces', async () => {
    const existing = join(dir, 'existing.sqlite');
    writeFileSync(existing, 'an older backup');
    const missing = join(dir, 'nowhere', 'none.sqlite');
    const [noArg, noForce, noDb, forced] = await Promise.all([
      runCliAsync('backup', [], { DATABASE_PATH: livePath }),
      runCliAsync('backup', [existing], { DATABASE_PATH: livePath }),
      runCliAsync('backup', [join(dir, 'from-nothing.sqlite')], { DATABASE_PATH: missing }),
      runCliAsync('backup', [join(dir, 'forced.sqlite'), '--force'], { DATABASE_PATH: livePath }),
    ]);
    expect(noArg.code).toBe(1);
    expect(noArg.stderr).toContain('usage: npm run backup -- FILE [--force]');
    expect(noForce.code).toBe(1);
    expect(noForce.stderr).toContain(`${existing} already exists; pass --force to replace it`);
    expect(readFileSync(existing, 'utf8')).toBe('an older backup');
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain(`no database at ${missing}`);
    // Neither an empty database at DATABASE_PATH nor an empty backup.
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'from-nothing.sqlite'))).toBe(false);
    expect(forced.code, forced.stderr).toBe(0);

    const replaced = await runCliAsync('backup', [existing, '--force'], { DATABASE_PATH: livePath });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(partsOf(existing).size).toBeGreaterThan(1);
  });

  it('restore: checks FILE before touching the database, and refuses a database in use', async () => {
    expect(existsSync(backupFile), 'needs the backup of the first test').toBe(true);
    const target = join(dir, 'target.sqlite');
    copyFileSync(backupFile, target);
    const untouched = sha256(target);

    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'not a database, just text '.repeat(200));
    const foreign = join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    other.close();
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(backupFile, newer);
    const future = new Database(newer);
    future.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 1e11);
    future.close();
    // Garbage over the pages after the schema: readable header, broken tables.
    const damaged = join(dir, 'damaged.sqlite');
    const bytes = readFileSync(backupFile);
    for (let i = 8 * 4096; i < bytes.length - 4096; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(damaged, bytes);

    const cases: Array<[string[], string]> = [
      [[], 'usage: npm run restore -- FILE'],
      [[join(dir, 'no-such-backup.sqlite')], `no backup at ${join(dir, 'no-such-backup.sqlite')}`],
      [[text], `${text} is not an SQLite database`],
      [[foreign], `${foreign} is an SQLite database but not one of this app`],
      [[newer], `${newer} was made by a newer version of the app`],
      [[damaged], `${damaged}`],
    ];
    const results = await Promise.all(cases.map(([args]) => runCliAsync('restore', args, { DATABASE_PATH: target })));
    for (const [i, [args, message]] of cases.entries()) {
      expect(results[i]!.code, args.join(' ')).toBe(1);
      expect(results[i]!.stderr, args.join(' ')).toContain(message);
    }
    expect(results.at(-1)!.stderr).toMatch(/failed integrity_check|not an SQLite database \(or is damaged\)/);
    expect(sha256(target)).toBe(untouched);

    // The live server holds its database open: restoring over it is refused and changes nothing.
    const total = (await getJson(`${live}/v1/articles?limit=1`)).page.total;
    const inUse = await runCliAsync('restore', [backupFile], { DATABASE_PATH: livePath });
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain(`${livePath} is in use by another process (is the server running?)`);
    expect((await getJson(`${live}/v1/articles?limit=1`)).page.total).toBe(total);
    expect(total).toBeGreaterThan(inBackup.size);
  });
});

describe('folders and the replaced database', () => {
  it('backup creates a target folder that does not exist; restore keeps the database it replaces, and says where', async () => {
    const folder = join(dir, 'not', 'yet');
    const file = join(folder, 'nightly.sqlite');
    const backup = await runCliAsync('backup', [file], { DATABASE_PATH: livePath });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`written to ${file}`);
    expect(partsOf(file).size).toBeGreaterThan(0);

    // A database with one article fewer than the backup, to be replaced.
    const target = join(dir, 'replace-me.sqlite');
    copyFileSync(file, target);
    const older = new Database(target);
    older.prepare("DELETE FROM articles WHERE id = (SELECT max(id) FROM articles)").run();
    older.close();
    const replacedParts = partsOf(target);

    const restored = await runCliAsync('restore', [file], { DATABASE_PATH: target });
    expect(restored.code, restored.stderr).toBe(0);
    const aside = /kept the replaced database as (\S+)/.exec(restored.stdout)?.[1];
    expect(aside, restored.stdout).toMatch(new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.replaced-\\d{4}-\\d\\d-\\d\\dT`));
    expect(partsOf(aside!)).toEqual(replacedParts);
    expect(partsOf(target)).toEqual(partsOf(file));
    expect(existsSync(`${target}.restoring`)).toBe(false);
  });
});
