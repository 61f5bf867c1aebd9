// The commands a data desk runs: keys, import and export, as real processes on a database file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { runCli } from './helpers/server.js';
import { indusOpEd, syntheticArticle } from './helpers/fixtures.js';
import { sqliteOf } from './helpers/app.js';

// Each command is a real process (a second or more on a busy machine): generous timeouts.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'editorial-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (script: string, args: string[], databasePath: string) => runCli(script, args, { DATABASE_PATH: databasePath });

async function withApp<T>(databasePath: string, use: (app: App) => Promise<T>): Promise<T> {
  const app = await buildApp({ databasePath });
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

const post = (app: App, key: string, doc: unknown) =>
  app.inject({ method: 'POST', url: '/v1/articles', payload: doc as object, headers: { authorization: `Bearer ${key}` } });

describe('npm run keys', () => {
  const db = join(dir, 'keys.sqlite');

  it('creates a key shown once on the last line, stored only as a hash, that the server accepts', async () => {
    const created = run('keys', ['create', '--name', 'desk', '--scope', 'write'], db);
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^eda_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    const secret = key.slice('eda_0123456789abcdef_'.length);
    const file = readFileSync(db);
    expect(file.includes(Buffer.from(secret))).toBe(false);
    expect(file.includes(Buffer.from(key))).toBe(false);

    await withApp(db, async (app) => {
      expect((await post(app, key, indusOpEd())).statusCode).toBe(201);
    });

    const listed = run('keys', ['list'], db);
    expect(listed.stdout).toMatch(/^desk\twrite\tactive\tcreated \S+\tlast used 20/m);
    expect(listed.stdout).not.toContain(secret);
  });

  it('revokes a key so the server refuses it', async () => {
    const key = run('keys', ['create', '--name', 'temp', '--scope', 'write'], db).stdout.trim().split('\n').at(-1)!;
    expect(run('keys', ['revoke', 'temp'], db).code).toBe(0);
    await withApp(db, async (app) => {
      const res = await post(app, key, syntheticArticle(1));
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    });
    expect(run('keys', ['list'], db).stdout).toMatch(/^temp\twrite\trevoked /m);
  });

  it('gives a read-only key no write access', async () => {
    const key = run('keys', ['create', '--name', 'reader', '--scope', 'read'], db).stdout.trim().split('\n').at(-1)!;
    await withApp(db, async (app) => expect((await post(app, key, syntheticArticle(2))).statusCode).toBe(403));
  });

  it('refuses bad usage with a message and exit code 1', () => {
    for (const args of [
      ['create', '--name', 'desk', '--scope', 'write'], // name taken
      ['create', '--name', 'x', '--scope', 'admin'],
      ['create', '--name', 'no-scope'],
      ['revoke', 'nobody'],
      ['frobnicate'],
    ]) {
      const result = run('keys', args, db);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().length, args.join(' ')).toBeGreaterThan(10);
      expect(result.stdout, args.join(' ')).not.toMatch(/eda_/);
    }
  });
});

describe('npm run import', () => {
  it('imports a directory, reports each bad document with file and line, keeps the rest, exits 1', async () => {
    const db = join(dir, 'import.sqlite');
    const input = join(dir, 'input');
    mkdirSync(join(input, 'nested'), { recursive: true });
    writeFileSync(join(input, 'a-good.json'), JSON.stringify(indusOpEd(), null, 2));
    const bad = indusOpEd({ id: 'bad-anchor' });
    bad.recommendations[0]!.evidence = { exact: 'words that are not there' };
    writeFileSync(join(input, 'b-bad-anchor.json'), JSON.stringify(bad, null, 2));
    writeFileSync(join(input, 'c-broken.json'), '{\n  "headline": "x",\n  oops\n}');
    writeFileSync(join(input, 'notes.txt'), 'ignored: not a document');
    const lines = [syntheticArticle(1), syntheticArticle(2), { ...syntheticArticle(3), colour: 'red' }, syntheticArticle(4)];
    writeFileSync(join(input, 'nested', 'batch.ndjson'), `${lines.map((d) => JSON.stringify(d)).join('\n')}\n\n`);

    const result = run('import', [input], db);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('imported 4 of 7 document(s)');
    expect(result.stdout).toContain('4 created, 0 replaced, 0 unchanged, 3 failed');
    expect(result.stderr).toContain(`error ${join(input, 'b-bad-anchor.json')}:1: 422`);
    expect(result.stderr).toContain('/recommendations/0/evidence/exact: "words that are not there" does not occur in the body');
    expect(result.stderr).toMatch(new RegExp(`error ${join(input, 'c-broken.json')}:3: invalid JSON`));
    expect(result.stderr).toContain(`error ${join(input, 'nested', 'batch.ndjson')}:3: 400`);
    expect(result.stderr).toContain("/colour: unknown field 'colour'");
    expect(result.stderr).toMatch(/progress 7\/7 \(100%\) \d+ docs\/s ETA/);

    // The import created and migrated the database, so a server starting on it does not seed it.
    await withApp(db, async (app) => {
      const ids = JSON.parse((await app.inject('/v1/articles?limit=100')).body).data.map((a: { id: string }) => a.id);
      expect(ids.sort()).toEqual(['2026-02-03-water-is-not-a-weapon', ...[1, 2, 4].map((i) => syntheticArticle(i).id!)].sort());
    });

    const again = run('import', [join(input, 'a-good.json')], db);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 created, 0 replaced, 1 unchanged, 0 failed');
  });

  it('refuses a path that is not a document with exit code 1', () => {
    const result = run('import', [join(dir, 'missing.json')], join(dir, 'other.sqlite'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.json');
  });
});

describe('export and import round trip', () => {
  it('reproduces every GET of the exported database in an empty one, timestamps aside', async () => {
    const source = join(dir, 'round-source.sqlite');
    const target = join(dir, 'round-target.sqlite');
    const dump = join(dir, 'dump.ndjson');
    const astral = syntheticArticle(40);
    astral.body = `🇵🇰 ${astral.body} 𝐄𝐧𝐝 Pakistan.`;
    // Provenance other than the default travels in the export and comes back the same.
    astral.recommendations[0]!.provenance = { method: 'assisted', rule: 'modal-should', confidence: 0.8125, reviewed: false };
    astral.quotations[0]!.provenance = { method: 'assisted', rule: 'say-that', confidence: 0.7, reviewed: true };
    astral.actors[1]!.provenance = { method: 'analyst', reviewed: false };
    await withApp(source, async (app) => {
      const key = await app.store.createKey('desk', ['write']);
      for (const doc of [indusOpEd(), ...Array.from({ length: 12 }, (_, i) => syntheticArticle(i)), astral]) {
        expect((await post(app, key, doc)).statusCode).toBe(201);
      }
    });

    const exported = run('export', ['--out', dump], source);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('exported 15 article(s)');
    expect(readFileSync(dump, 'utf8').trim().split('\n')).toHaveLength(15);

    // The target starts empty: no seed, so the seed must come from the dump.
    await withApp(target, async (app) => {
      sqliteOf(app).prepare('DELETE FROM articles').run();
      sqliteOf(app).prepare('DELETE FROM sources').run();
      sqliteOf(app).prepare('DELETE FROM actors').run();
      sqliteOf(app).prepare('DELETE FROM publications').run();
    });
    const imported = run('import', [dump], target);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('15 created');

    const urls = async (app: App) => {
      const list = async (u: string) => JSON.parse((await app.inject(`${u}${u.includes('?') ? '&' : '?'}limit=100`)).body).data;
      const articles = await list('/v1/articles');
      const actors = await list('/v1/actors');
      const sources = await list('/v1/sources');
      return [
        '/v1/articles?limit=100',
        '/v1/actors?limit=100',
        '/v1/sources?limit=100',
        '/v1/recommendations?limit=100',
        '/v1/quotations?limit=100',
        '/v1/recommendations?reviewed=false&limit=100',
        '/v1/quotations?method=assisted&limit=100',
        ...articles.map((a: { id: string }) => `/v1/articles/${a.id}/actors?limit=100`),
        ...articles.map((a: { id: string }) => `/v1/articles/${a.id}?include=body,actors,recommendations,quotations`),
        ...actors.map((a: { id: string }) => `/v1/actors/${a.id}`),
        ...sources.map((s: { id: string }) => `/v1/sources/${s.id}`),
      ];
    };
    // Import starts each article's history anew (revision 1): revisions and the feed are not exported.
    const strip = (body: string) => body.replace(/"(createdAt|updatedAt)":"[^"]+"/g, '"$1":"-"').replace(/"revision":\d+/g, '"revision":"-"');
    const snapshot = async (databasePath: string) =>
      withApp(databasePath, async (app) => {
        const out: Record<string, string> = {};
        for (const url of await urls(app)) out[url] = strip((await app.inject(url)).body);
        return out;
      });
    const before = await snapshot(source);
    const after = await snapshot(target);
    expect(Object.keys(before).length).toBeGreaterThan(40);
    expect(after).toEqual(before);

    // Exporting the imported database gives the same documents.
    const again = join(dir, 'dump2.ndjson');
    expect(run('export', ['--out', again], target).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(dump, 'utf8'));
    expect(readFileSync(dump, 'utf8').match(/"provenance"/g)).toHaveLength(3);
    expect(before['/v1/recommendations?reviewed=false&limit=100']).toContain('"rule":"modal-should","confidence":0.8125,"reviewed":false');
  }, 60_000);
});

describe('commands that only read', () => {
  it('refuse a database file that does not exist, naming it, and create nothing (export, keys list)', () => {
    const missing = join(dir, 'mistyped', 'editorial.sqlite');
    for (const [script, args] of [
      ['export', ['--out', join(dir, 'nothing.ndjson')]],
      ['keys', ['list']],
    ] as const) {
      const result = run(script, [...args], missing);
      expect(result.code, script).toBe(1);
      expect(result.stderr, script).toContain(`no database at ${missing} (check DATABASE_PATH)`);
      expect(existsSync(missing), script).toBe(false);
      expect(existsSync(join(dir, 'mistyped')), script).toBe(false);
    }
    expect(existsSync(join(dir, 'nothing.ndjson'))).toBe(false);
  });

  it('while the commands that write create and migrate a new one (keys create, db:migrate)', () => {
    const fresh = join(dir, 'fresh-keys.sqlite');
    expect(run('keys', ['create', '--name', 'desk', '--scope', 'write'], fresh).code).toBe(0);
    expect(run('keys', ['list'], fresh).stdout).toMatch(/^desk\twrite\tactive/m);
    expect(run('migrate', [], join(dir, 'fresh-migrate.sqlite')).code).toBe(0);
    expect(existsSync(join(dir, 'fresh-migrate.sqlite'))).toBe(true);
  });
});

describe('npm run revisions -- purge', () => {
  it("deletes a deleted article's revisions, and refuses while it exists, an unknown id and bad usage", async () => {
    const db = join(dir, 'revisions.sqlite');
    const key = run('keys', ['create', '--name', 'desk', '--scope', 'write'], db).stdout.trim().split('\n').at(-1)!;
    const doc = indusOpEd();
    const id = '2026-02-03-water-is-not-a-weapon';
    await withApp(db, async (app) => {
      expect((await post(app, key, doc)).statusCode).toBe(201);
      const put = await app.inject({ method: 'PUT', url: `/v1/articles/${id}`, payload: { ...doc, headline: 'Water is still not a weapon' }, headers: { authorization: `Bearer ${key}` } });
      expect(put.headers.revision).toBe('2');
    });

    const refused = run('revisions', ['purge', id], db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('still exists: delete it first');

    await withApp(db, async (app) => {
      expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(204);
      expect((await app.inject(`/v1/articles/${id}?revision=1`)).statusCode).toBe(200);
    });
    const purged = run('revisions', ['purge', id], db);
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.stdout).toContain(`purged 2 revisions of '${id}'`);
    await withApp(db, async (app) => {
      expect((await app.inject(`/v1/articles/${id}?revision=1`)).statusCode).toBe(404);
      expect((await app.inject(`/v1/articles/${id}/revisions`)).statusCode).toBe(404);
      // The feed keeps its tombstone: consumers still learn that it was deleted.
      const changes = JSON.parse((await app.inject('/v1/changes?limit=100')).body).data as Array<{ id: string; action: string }>;
      expect(changes).toContainEqual(expect.objectContaining({ id, action: 'delete' }));
    });

    const again = run('revisions', ['purge', id], db);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no stored revisions');
    const usage = run('revisions', ['purge'], db);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('usage: npm run revisions -- purge ARTICLE_ID');
  });
});
