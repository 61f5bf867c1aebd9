// Security properties of the whole API. The operations come from the served OpenAPI document, so
// a new route is covered (or fails here, naming itself) without anyone remembering this file:
// every write refuses a missing, bad or read-only key and changes nothing; hostile strings in
// every parameter and header get a 4xx or only the rows they should; keys stay out of the logs;
// no error response shows a stack, a file path or SQLite's own words.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { getTableName, is, Table } from 'drizzle-orm';
import * as schema from '../db/schema.js';
import type { App } from '../src/app.js';
import { validateIngestDocument } from '../src/ingest/validate.js';
import { projectRoot } from '../src/paths.js';
import { NO_LIMITS, SEED_ID, SQLITE_ONLY, buildTestApp, ingest, selectRows, sqliteOf, testApp } from './helpers/app.js';
import { indusOpEd, syntheticArticle } from './helpers/fixtures.js';
import { NO_LIMITS_ENV, runCli, startServer } from './helpers/server.js';

// Thousands of injected requests, and a spawned server: generous on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

type Res = { statusCode: number; headers: Record<string, unknown>; body: string };
type Headers = Record<string, string>;

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

const app = await testApp();
// Rows besides the seed, so that "only the rows it should" can fail: a leak would show them.
await ingest(app, ...Array.from({ length: 6 }, (_, i) => syntheticArticle(i)));
// A second revision of the seed, so that its revision list has a second page to forge cursors for.
await app.store.writeArticle(
  validateIngestDocument(JSON.parse(readFileSync(join(projectRoot, 'db', 'seed', `${SEED_ID}.json`), 'utf8'))),
  'replace',
);
const INDUS_ID = '2026-02-03-water-is-not-a-weapon';

const writeKey = await app.store.createKey('security-writer', ['write']);
const readKey = await app.store.createKey('security-reader', ['read']);
const revokedKey = await app.store.createKey('security-revoked', ['write']);
await app.store.revokeKey('security-revoked');
const forgedKey = writeKey.slice(0, -1) + (writeKey.endsWith('A') ? 'B' : 'A');
const bearer = (key: string): Headers => ({ authorization: `Bearer ${key}` });

const spec = JSON.parse((await app.inject('/openapi.json')).body) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ ...op, parameters: op.parameters ?? [], method: method.toUpperCase(), path })),
);
const readOps = operations.filter((op) => op.method === 'GET');
/** Every operation that needs a key; all but POST /v1/analyze (which stores nothing) write. */
const keyedOps = operations.filter((op) => op.method !== 'GET');
const writeOps = keyedOps.filter((op) => op.operationId !== 'analyzeText');

/** Real ids for every path parameter the spec uses; a new one must be added here. */
const PATH_IDS: Record<string, string> = {
  articleId: SEED_ID,
  actorId: 'pakistan',
  recommendationId: `${SEED_ID}.r1`,
  quotationId: `${SEED_ID}.q1`,
  sourceId: 'international-crisis-group',
};
/** Values for required query parameters. */
const REQUIRED_QUERY: Record<string, string> = { q: 'border' };

function pathOf(op: Operation, override: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in override) return override[name]!;
    if (!(name in PATH_IDS)) throw new Error(`${op.operationId}: add a real id for path parameter '${name}' to PATH_IDS`);
    return encodeURIComponent(PATH_IDS[name]!);
  });
}

/** The operation's URL with valid values, `override` replacing (already encoded) ones. */
function urlOf(op: Operation, override: Record<string, string> = {}): string {
  const query: string[] = [];
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    if (p.name in override) query.push(`${p.name}=${override[p.name]}`);
    else if (p.required) {
      if (!(p.name in REQUIRED_QUERY)) throw new Error(`${op.operationId}: add a value for '${p.name}' to REQUIRED_QUERY`);
      query.push(`${p.name}=${encodeURIComponent(REQUIRED_QUERY[p.name]!)}`);
    }
  }
  const path = pathOf(op, Object.fromEntries(op.parameters.filter((p) => p.in === 'path' && p.name in override).map((p) => [p.name, override[p.name]!])));
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** A valid body for a write operation: the Indus op-ed, with the path's article id when it has one. */
function bodyOf(op: Operation): object | undefined {
  if (!op.requestBody) return undefined;
  const ref = op.requestBody.content['application/json']?.schema.$ref;
  if (ref !== '#/components/schemas/IngestDocument') throw new Error(`${op.operationId}: add a valid body for ${ref}`);
  return op.path.includes('{articleId}') ? indusOpEd({ id: PATH_IDS.articleId }) : indusOpEd();
}

const LEAKS: RegExp[] = [
  /\n\s+at /,
  / {4}at /,
  /\/work\//,
  /node_modules/,
  /\.[cm]?[jt]s:\d/,
  /\.ts:/,
  /SqliteError|SQLITE_[A-Z]/,
  /no such (table|column|function)/i,
  /syntax error/i,
  /fts5/i,
  /database (connection )?is (not open|locked)/i,
  /better-sqlite3|drizzle/i,
];

/** Every error is problem+json and shows nothing of the server's insides. */
function expectSafe(res: Res, label: string): void {
  if (res.statusCode < 400) return;
  expect(res.headers['content-type'], `${label}: ${res.statusCode} ${res.body.slice(0, 200)}`).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body);
  expect(problem, label).toMatchObject({ status: res.statusCode, type: expect.stringMatching(/^urn:editorial-data-api:problem:/) });
  for (const leak of LEAKS) expect(res.body, `${label}: ${leak}`).not.toMatch(leak);
}

/** Row counts and a hash of every stored row (keys by name, scopes and revocation only), on either engine. */
async function fingerprint(target: App = app) {
  const tables = Object.values(schema)
    .filter((t) => is(t, Table))
    .map((t) => getTableName(t as Table))
    .filter((name) => name !== 'api_keys')
    .sort();
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = (await selectRows(target, `SELECT * FROM "${table}"`)).map((r) => JSON.stringify(Object.values(r))).sort();
    counts[table] = rows.length;
    hash.update(`${table}:${rows.join('\n')}`);
  }
  hash.update(JSON.stringify(await selectRows(target, 'SELECT name, scopes, revoked_at FROM api_keys ORDER BY name')));
  return { counts, hash: hash.digest('hex') };
}

/** The engine's own checks: SQLite's integrity and foreign keys, and FTS5's check of each index. */
function expectIntact(target: App = app) {
  if (SQLITE_ONLY) return; // PostgreSQL enforces foreign keys and keeps its generated search columns itself
  expect(sqliteOf(target).pragma('integrity_check', { simple: true })).toBe('ok');
  expect(sqliteOf(target).pragma('foreign_key_check')).toEqual([]);
  const fts = sqliteOf(target).prepare(`SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'`).pluck().all() as string[];
  expect(fts.length).toBeGreaterThanOrEqual(4);
  for (const table of fts) sqliteOf(target).prepare(`INSERT INTO "${table}"("${table}") VALUES ('integrity-check')`).run();
}

/** A logger destination that keeps every line in memory. */
function memoryLog() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, logs: () => text };
}

const seedEtag = async () => (await app.inject(`/v1/articles/${SEED_ID}`)).headers.etag;

describe('the operations the spec documents', () => {
  it('are all found, and every route the app serves is in the spec', () => {
    expect(readOps.length).toBeGreaterThanOrEqual(15);
    expect(writeOps.map((op) => op.operationId).sort()).toEqual(['createArticle', 'deleteArticle', 'replaceArticle']);
    // The router's own list of routes per method, so an undocumented write (hidden from the spec)
    // cannot escape the tests below.
    const served = new Set<string>();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const tree = app.printRoutes({ method, commonPrefix: false });
      const stack: string[] = [];
      for (const line of tree.split('\n')) {
        const m = /^((?:[│ ] {3})*)[├└]── (\S+)/.exec(line);
        if (!m) continue;
        const depth = m[1]!.length / 4;
        stack[depth] = m[2]!;
        const route = stack.slice(0, depth + 1).join('').replace(/:(\w+)/g, '{$1}');
        if (/\(/.test(line)) served.add(`${method} ${route}`);
      }
    }
    expect([...served].sort()).toEqual(keyedOps.map((op) => `${op.method} ${op.path}`).sort());
  });

  it('declare bearer security, 401 and 403 on every write and on analyze, and no security on reads', () => {
    for (const op of keyedOps) {
      expect(op.security, op.operationId).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(op.responses), op.operationId).toEqual(expect.arrayContaining(['401', '403']));
    }
    for (const op of readOps) expect(op.security, op.operationId).toBeUndefined();
  });
});

describe('every write operation refuses without a write key', () => {
  const refusals: Array<[label: string, headers: Headers, status: 401 | 403, challenge: RegExp]> = [
    ['no Authorization', {}, 401, /^Bearer realm="editorial-data-api"$/],
    ['a malformed key', { authorization: 'Bearer not-a-key' }, 401, /error="invalid_token"/],
    ['an empty bearer token', { authorization: 'Bearer ' }, 401, /error="invalid_token"/],
    ['a real key under another scheme', { authorization: `Basic ${writeKey}` }, 401, /error="invalid_token"/],
    ['a real key without a scheme', { authorization: writeKey }, 401, /error="invalid_token"/],
    ['an unknown well-formed key', bearer(`eda_${'0'.repeat(16)}_${'A'.repeat(43)}`), 401, /error="invalid_token"/],
    ["a real key's id with a wrong secret", bearer(forgedKey), 401, /error="invalid_token"/],
    ['a revoked write key', bearer(revokedKey), 401, /error="invalid_token"/],
    ['a read-only key', bearer(readKey), 403, /error="insufficient_scope", scope="write"/],
  ];

  it.each(writeOps.map((op) => [op.operationId, op] as const))('%s: 401/403 with a challenge, and nothing changes', async (_, op) => {
    const before = (await fingerprint());
    const etag = await seedEtag();
    const url = urlOf(op);
    for (const [label, headers, status, challenge] of refusals) {
      const res = await app.inject({ method: op.method as 'POST', url, headers, payload: bodyOf(op) });
      expect(res.statusCode, `${op.operationId} with ${label}`).toBe(status);
      expect(res.headers['www-authenticate'], `${op.operationId} with ${label}`).toMatch(challenge);
      expectSafe(res, `${op.operationId} with ${label}`);
      expect(res.body).not.toContain(writeKey.slice(-43));
    }
    expect((await fingerprint())).toEqual(before);
    expect(await seedEtag()).toBe(etag);
    expect((await app.inject(`/v1/articles/${INDUS_ID}`)).statusCode).toBe(404);

    // The same request with a write key succeeds (on a copy of the data), so the refusals above
    // were about the key and nothing else.
    const fresh = await buildTestApp({ limits: NO_LIMITS });
    onTestFinished(() => fresh.close());
    const key = await fresh.store.createKey('writer', ['write']);
    const ok = await fresh.inject({ method: op.method as 'POST', url, headers: bearer(key), payload: bodyOf(op) });
    expect(ok.statusCode, ok.body).toBeGreaterThanOrEqual(200);
    expect(ok.statusCode).toBeLessThan(300);
  });

  it('answers 404/405, never a write, for a write method the spec does not list on a documented path', async () => {
    const before = (await fingerprint());
    let tried = 0;
    for (const path of Object.keys(spec.paths)) {
      const listed = Object.keys(spec.paths[path]!).map((m) => m.toUpperCase());
      const url = pathOf({ path, operationId: path } as Operation);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !listed.includes(m))) {
        for (const headers of [{}, bearer(writeKey)]) {
          const res = await app.inject({ method: method as 'POST', url, headers, payload: indusOpEd() });
          expect([404, 405], `${method} ${url}`).toContain(res.statusCode);
          expectSafe(res, `${method} ${url}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(50);
    expect((await fingerprint())).toEqual(before);
  });
});

/** SQL and FTS5 payloads; each goes through encodeURIComponent, so the `%` ones arrive encoded twice. */
const PAYLOADS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  '"; DROP TABLE articles; --',
  "'; DROP TABLE articles; --",
  "1'); DELETE FROM articles; --",
  '1 UNION SELECT id, body FROM articles --',
  "x' UNION SELECT name, sql FROM sqlite_master --",
  "%' --",
  '%',
  '_',
  '1; SELECT 1',
  "border' OR 1=1 --",
  'pakistan" OR "1"="1',
  'NEAR(border technology, 2)',
  'NEAR(',
  '"unterminated',
  '*',
  'border*',
  'col:term',
  'headline:border',
  '^border',
  'AND OR NOT',
  'a NOT b',
  '{a b}:c',
  '{headline body}:border',
  '(',
  ')',
  'border\u0000',
  '\u0000',
  'a'.repeat(300), // beyond every maxLength, within the router's limit
  'Ünïcödé 🇵🇰 日本語 مرحبا 𝐄𝐧𝐝',
  '\u202e\u200b\ufeff',
  '%27%20OR%201%3D1%20--',
  '%2527',
  '%00',
  '../../etc/passwd',
  '..%2F..%2Fdb%2Feditorial.sqlite',
  '-1',
  '0',
  '1e999', // ajv coerces it (and Infinity) to a non-finite "integer" that skips minimum/maximum
  'Infinity',
  '-1e999',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];
/** Longer than the URL limit: a 414 wherever it goes. */
const TOO_LONG = 'x'.repeat(5000);

const normalize = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const tokens = (s: string) => normalize(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The words a search for `q` may have matched: its literal words, without the OR operator and
 * -excluded ones; a trailing * makes the last word a prefix. Independent of the server's parser.
 */
function literalWords(q: string) {
  return q
    .split(/\s+/)
    .filter((chunk) => chunk && chunk !== 'OR' && !chunk.startsWith('-'))
    .flatMap((chunk) => tokens(chunk).map((word, i, all) => ({ word, prefix: i === all.length - 1 && chunk.endsWith('*') })));
}

/** The searchable text of a list item or search hit, read through the API. */
async function textOf(kind: string, item: Record<string, any>): Promise<string> {
  switch (kind) {
    case 'article': {
      const article = JSON.parse((await app.inject(`/v1/articles/${item.id}?include=body`)).body);
      return `${article.headline} ${article.body}`;
    }
    case 'recommendation': {
      const rec = item.statement ? item : JSON.parse((await app.inject(`/v1/recommendations/${item.id}`)).body);
      return `${rec.statement} ${rec.evidence.exact}`;
    }
    case 'quotation': {
      const quotation = item.claim ? item : JSON.parse((await app.inject(`/v1/quotations/${item.id}`)).body);
      return `${quotation.claim} ${quotation.evidence.exact}`;
    }
    case 'actor':
      return `${item.name} ${(item.aliases ?? []).join(' ')} ${item.description ?? ''}`;
    default:
      throw new Error(`no text for ${kind}`);
  }
}

/** What the items of a list are, from its path: /v1/articles/{id}/quotations lists quotations. */
const KINDS: Record<string, string> = { articles: 'article', recommendations: 'recommendation', quotations: 'quotation', actors: 'actor' };
const kindOf = (op: Operation, item: Record<string, any>) => (op.operationId === 'search' ? item.type : KINDS[op.path.split('/').at(-1)!]);

const listIds = (body: { data: Array<{ id: string; type?: string }> }) => body.data.map((d) => (d.type ? `${d.type}:${d.id}` : d.id));

/** Cursors shaped like the list's own, with each value replaced by a payload. */
function forgedCursors(real: string, payload: string): string[] {
  const values = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
  const encode = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return [encode(values.map((v, i) => (i === 0 ? v : payload))), encode([payload, ...values.slice(1)])];
}

const beforeInjections = await fingerprint();

describe('injection into every path and query parameter of every read', () => {
  const before = beforeInjections;

  it.each(readOps.map((op) => [op.operationId, op] as const))('%s: 4xx or only the rows it should, never 5xx', async (_, op) => {
    const hasLimit = op.parameters.some((p) => p.name === 'limit');
    const fullUrl = urlOf(op, hasLimit ? { limit: '100' } : {});
    const baseline = await app.inject(fullUrl);
    expect(baseline.statusCode, `${fullUrl}: ${baseline.body}`).toBe(200);
    const baselineBody = JSON.parse(baseline.body);
    const isList = Array.isArray(baselineBody.data);
    const baselineIds = new Set(isList ? listIds(baselineBody) : []);
    if (isList) expect(baselineIds.size, fullUrl).toBeLessThan(100);

    const failures: string[] = [];
    let checked = 0;
    let rowsServed = 0;
    const check = async (param: Parameter, payload: string, raw = false) => {
      const value = raw ? payload : encodeURIComponent(payload);
      const url = urlOf(op, { ...(hasLimit && param.name !== 'limit' ? { limit: '100' } : {}), [param.name]: value });
      const res = await app.inject(url);
      const label = `${op.operationId} ${param.in} ${param.name}=${JSON.stringify(payload.slice(0, 60))} -> ${res.statusCode}`;
      checked++;
      if (res.statusCode >= 400 && res.statusCode < 500) {
        try {
          expectSafe(res, label);
        } catch (err) {
          failures.push(`${label}: ${(err as Error).message.split('\n')[0]}`);
        }
        return;
      }
      if (res.statusCode !== 200) return void failures.push(`${label}: ${res.body.slice(0, 200)}`);
      if (param.in === 'path') return void failures.push(`${label}: an injected id found something`);
      const body = JSON.parse(res.body);
      if (!isList) {
        if (res.body !== baseline.body) failures.push(`${label}: the answer changed`);
        return;
      }
      const got = listIds(body);
      rowsServed += got.length;
      // (A required parameter, search's q, has no unfiltered list to compare with.)
      const extra = param.name in REQUIRED_QUERY ? [] : got.filter((id) => !baselineIds.has(id));
      if (extra.length) failures.push(`${label}: rows outside the unfiltered list: ${extra.join(', ')}`);
      if (param.name === 'q') {
        // Every row really contains one of the literal words (all of them, without OR or quotes).
        const words = literalWords(payload);
        const needsAll = !/\bOR\b|"/.test(payload);
        for (const item of body.data) {
          const text = new Set(tokens(await textOf(kindOf(op, item), item)));
          const has = ({ word, prefix }: { word: string; prefix: boolean }) =>
            prefix ? [...text].some((t) => t.startsWith(word)) : text.has(word);
          if (!(needsAll ? words.every(has) : words.some(has))) failures.push(`${label}: ${item.id} does not match`);
        }
      } else if (param.name !== 'cursor' && param.name !== 'since' && got.length) {
        // (A cursor or a feed position `since` is where a page starts, not a filter: since=0 is every change.)
        failures.push(`${label}: a filter by an injected value matched ${got.length} rows`);
      }
    };

    const injectable = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
    for (const param of injectable) {
      for (const payload of PAYLOADS) await check(param, payload);
      // Over the URL limit: 414 problem+json (in the path, the router's own 414: see below).
      if (param.in === 'query') await check(param, TOO_LONG);
      if (param.name === 'cursor') {
        const first = JSON.parse((await app.inject(urlOf(op, { limit: '1' }))).body);
        expect(first.page.nextCursor, `${op.operationId} has a second page`).toEqual(expect.any(String));
        for (const payload of PAYLOADS) for (const cursor of forgedCursors(first.page.nextCursor, payload)) await check(param, cursor, true);
      }
    }
    // Parameters the operation does not have, named with payloads: refused, not ignored.
    for (const name of ["' OR 1=1 --", 'limit;DROP TABLE articles', '__proto__[x]']) {
      const res = await app.inject(`${urlOf(op)}${op.parameters.some((p) => p.in === 'query' && p.required) ? '&' : '?'}${encodeURIComponent(name)}=1`);
      checked++;
      if (res.statusCode !== 400) failures.push(`${op.operationId} unknown parameter ${name} -> ${res.statusCode}`);
      else expectSafe(res, `${op.operationId} unknown parameter ${name}`);
    }

    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(3);
    if (op.parameters.some((p) => p.name === 'q')) expect(rowsServed, `${op.operationId}: some payload with real words found rows`).toBeGreaterThan(0);
    expect((await fingerprint())).toEqual(before);
  });

  it('in every header of every read: the same answer, or a 4xx problem', async () => {
    const headerNames = [
      'if-none-match', 'if-match', 'if-modified-since', 'accept', 'accept-encoding', 'accept-language', 'user-agent',
      'x-forwarded-for', 'x-forwarded-host', 'x-request-id', 'cookie', 'origin', 'referer', 'authorization',
      'content-type', 'range', 'host',
    ];
    // What a raw HTTP request could carry: bytes, no control characters.
    const headerPayloads = [...PAYLOADS, TOO_LONG]
      .map((p) => Buffer.from(p, 'utf8').toString('latin1'))
      // eslint-disable-next-line no-control-regex -- leaves out the payloads a header cannot carry
      .filter((p) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(p));
    const failures: string[] = [];
    let checked = 0;
    for (const op of readOps) {
      const url = urlOf(op);
      const baseline = await app.inject(url);
      expect(baseline.statusCode, url).toBe(200);
      for (const name of headerNames) {
        for (const payload of headerPayloads) {
          const res = await app.inject({ url, headers: { [name]: payload } });
          const label = `${op.operationId} ${name}: ${JSON.stringify(payload.slice(0, 40))} -> ${res.statusCode}`;
          checked++;
          if (res.statusCode === 200) {
            if (res.body !== baseline.body) failures.push(`${label}: the answer changed`);
          } else if (res.statusCode === 304) {
            if (!(name === 'if-none-match' && payload.trim() === '*')) failures.push(label);
          } else if (res.statusCode >= 400 && res.statusCode < 500) {
            try {
              expectSafe(res, label);
            } catch (err) {
              failures.push(`${label}: ${(err as Error).message.split('\n')[0]}`);
            }
          } else failures.push(`${label}: ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(readOps.length * headerNames.length * 40);
    expect((await fingerprint())).toEqual(before);
  });

  it('in the path, query and headers of every write, even with a write key: refused, nothing written', async () => {
    const etag = await seedEtag();
    const failures: string[] = [];
    // eslint-disable-next-line no-control-regex -- leaves out the payloads a header cannot carry
    const headerPayloads = PAYLOADS.map((p) => Buffer.from(p, 'utf8').toString('latin1')).filter((p) => !/[\x00-\x1f\x7f]/.test(p));
    for (const op of writeOps) {
      const send = (url: string, headers: Headers = {}) =>
        app.inject({ method: op.method as 'POST', url, headers: { ...bearer(writeKey), ...headers }, payload: bodyOf(op) });
      const expectRefused = (res: Res, label: string, statuses: number[]) => {
        if (!statuses.includes(res.statusCode)) return void failures.push(`${label} -> ${res.statusCode}: ${res.body.slice(0, 200)}`);
        expectSafe(res, label);
      };
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        for (const payload of PAYLOADS) {
          expectRefused(await send(urlOf(op, { [param.name]: encodeURIComponent(payload) })), `${op.operationId} ${param.name}=${payload}`, [400, 404, 422]);
        }
      }
      for (const payload of PAYLOADS) {
        expectRefused(await send(`${urlOf(op)}?${encodeURIComponent(payload)}=${encodeURIComponent(payload)}`), `${op.operationId} ?${payload}`, [400]);
      }
      for (const param of op.parameters.filter((p) => p.in === 'header')) {
        // `*` is If-Match's documented wildcard, not an injection.
        for (const payload of headerPayloads.filter((p) => !p.split(',').some((tag) => tag.trim() === '*'))) {
          expectRefused(await send(urlOf(op), { [param.name]: payload }), `${op.operationId} ${param.name}: ${payload}`, [412]);
        }
      }
      if (op.requestBody) {
        for (const payload of headerPayloads) {
          expectRefused(await send(urlOf(op), { 'content-type': payload }), `${op.operationId} content-type: ${payload}`, [400, 415]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await fingerprint())).toEqual(before);
    expect(await seedEtag()).toBe(etag);
    expect((await app.inject(`/v1/articles/${INDUS_ID}`)).statusCode).toBe(404);
  });

  it('leaves the database intact: same rows, integrity and FTS5 checks pass', async () => {
    expect((await fingerprint()).counts).toEqual(before.counts);
    expect(before.counts.articles).toBe(7);
    expectIntact();
  });
});

describe('hostile strings in documents', () => {
  it('stores hostile strings in a document as text, and finds them only as words', async () => {
    // A private app: creating and deleting an article leaves its actors behind.
    const own = await buildTestApp({ limits: NO_LIMITS });
    onTestFinished(() => own.close());
    const key = await own.store.createKey('writer', ['write']);
    const doc = indusOpEd({ id: INDUS_ID, headline: `Robert'); DROP TABLE articles; -- "NEAR(" {a b}:c`, author: "O'Brien \" OR 1=1 --" });
    const created = await own.inject({ method: 'POST', url: '/v1/articles', headers: bearer(key), payload: doc });
    expect(created.statusCode, created.body).toBe(201);
    const stored = JSON.parse((await own.inject(`/v1/articles/${INDUS_ID}`)).body);
    expect(stored).toMatchObject({ headline: doc.headline, author: doc.author });
    const hits = JSON.parse((await own.inject(`/v1/search?q=${encodeURIComponent('"DROP TABLE articles"')}`)).body);
    expect(hits.data.map((h: { id: string }) => h.id)).toEqual([INDUS_ID]);
    expect((await fingerprint(own)).counts.articles).toBe(2);
    expectIntact(own);
  });
});

// The router answers these before any plugin sees the request; `frameworkErrors` in src/app.ts
// renders them as problem+json.
describe('errors the router answers itself', () => {
  it('a path parameter longer than the router allows is a 414 problem+json', async () => {
    const res = await app.inject(`/v1/articles/${'a'.repeat(600)}`);
    expect(res.statusCode).toBe(414);
    expectSafe(res, 'long path parameter');
  });

  it('a malformed percent-encoding in the path is a 400 problem+json', async () => {
    for (const url of ['/v1/articles/%E0%A4%A', '/v1/articles/%zz', '/v1/actors/%']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expectSafe(res, url);
    }
  });

  it('neither leaks a stack, a file path or SQLite text meanwhile', async () => {
    for (const url of [`/v1/articles/${'a'.repeat(600)}`, `/v1/articles/${TOO_LONG}`, '/v1/articles/%E0%A4%A', '/v1/articles/%zz']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      for (const leak of LEAKS) expect(res.body, `${url}: ${leak}`).not.toMatch(leak);
    }
  });
});

describe('keys never reach the logs', () => {
  const secretOf = (key: string) => key.slice('eda_0123456789abcdef_'.length);

  it('at trace level, for writes that succeed, fail auth, fail validation, conflict, 404 and 429', async () => {
    const { stream, logs } = memoryLog();
    // A small budget of refused keys, so the rate limiter's refusal is logged too.
    const logged = await buildTestApp({ logger: { level: 'trace', stream }, limits: { ...NO_LIMITS, authFailures: 3 } });
    onTestFinished(() => logged.close());
    const write = await logged.store.createKey('writer', ['write']);
    const read = await logged.store.createKey('reader', ['read']);
    const revoked = await logged.store.createKey('gone', ['write']);
    await logged.store.revokeKey('gone');
    const forged = write.slice(0, -1) + (write.endsWith('A') ? 'B' : 'A');
    const keys = [write, read, revoked, forged];

    const send = (method: string, url: string, headers: Headers, payload?: object) =>
      logged.inject({ method: method as 'POST', url, headers, ...(payload ? { payload } : {}) });
    const path = `/v1/articles/${INDUS_ID}`;
    const broken = indusOpEd();
    broken.recommendations[0]!.evidence = { exact: 'words that are not in the body' };
    const steps: Array<[number, () => Promise<Res>]> = [
      [201, () => send('POST', '/v1/articles', bearer(write), indusOpEd())],
      [409, () => send('POST', '/v1/articles', { authorization: `bearer   ${write}` }, indusOpEd())],
      [412, () => send('PUT', path, { ...bearer(write), 'if-match': '"stale"' }, indusOpEd())],
      [200, () => send('PUT', path, bearer(write), indusOpEd())],
      [400, () => send('POST', '/v1/articles', bearer(write), { ...indusOpEd(), colour: 'red' })],
      [422, () => send('POST', '/v1/articles', bearer(write), { ...broken, id: 'broken-anchor' })],
      [404, () => send('DELETE', '/v1/articles/no-such-article', bearer(write))],
      [404, () => send('GET', '/v1/articles/no-such-article', bearer(write))],
      [204, () => send('DELETE', path, bearer(write))],
      [401, () => send('POST', '/v1/articles', { 'x-api-key': write }, indusOpEd())],
      [403, () => send('POST', '/v1/articles', bearer(read), indusOpEd())],
      [401, () => send('DELETE', `/v1/articles/${SEED_ID}`, bearer(forged))],
      [401, () => send('PUT', `/v1/articles/${SEED_ID}`, bearer(revoked), indusOpEd({ id: SEED_ID }))],
      [429, () => send('POST', '/v1/articles', { authorization: write }, indusOpEd())],
      [429, () => send('DELETE', `/v1/articles/${SEED_ID}`, bearer(write))],
    ];
    for (const [status, step] of steps) {
      const res = await step();
      expect(res.statusCode, res.body).toBe(status);
      expectSafe(res, `${status}`);
      for (const key of keys) expect(res.body).not.toContain(secretOf(key));
    }
    await logged.close();

    const lines = logs().trim().split('\n');
    // Each request was logged (incoming and completed), so the search below had something to read.
    expect(lines.filter((l) => l.includes('incoming request')).length).toBe(steps.length);
    expect(lines.filter((l) => l.includes('request completed')).length).toBe(steps.length);
    for (const key of keys) {
      expect(logs()).not.toContain(key);
      expect(logs()).not.toContain(secretOf(key));
    }
  });

  // The URL is logged on every request: a key pasted into it is masked there.
  it('not even when a client puts its key in the URL by mistake', async () => {
    const { stream, logs } = memoryLog();
    const logged = await buildTestApp({ logger: { level: 'info', stream }, limits: NO_LIMITS });
    onTestFinished(() => logged.close());
    const key = await logged.store.createKey('writer', ['write']);
    const res = await logged.inject(`/v1/articles?api_key=${key}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(secretOf(key));
    await logged.close();
    expect(logs()).toContain('incoming request');
    expect(logs()).not.toContain(secretOf(key));
  });

  it('the keys command prints a key once, at creation, and the server never logs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editorial-security-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_PATH: join(dir, 'keys.sqlite') };
    const created = runCli('keys', ['create', '--name', 'desk', '--scope', 'write'], env);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^eda_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const outputs = [created.stdout.replace(new RegExp(`${key}\\n?$`), ''), created.stderr];
    for (const args of [['list'], ['create', '--name', 'desk', '--scope', 'write'], ['revoke', 'nobody'], ['revoke', 'desk'], ['list']]) {
      const res = runCli('keys', args, env);
      outputs.push(res.stdout, res.stderr);
    }
    for (const output of outputs) {
      expect(output).not.toContain(secretOf(key));
      expect(output).not.toMatch(/eda_[0-9a-f]{16}_/);
    }

    const reader = runCli('keys', ['create', '--name', 'reader', '--scope', 'read'], env).stdout.trim().split('\n').at(-1)!;
    const server = startServer({ ...env, LOG_LEVEL: 'trace', ...NO_LIMITS_ENV });
    try {
      const base = await server.listening;
      const post = async (authorization: string) => {
        const res = await fetch(`${base}/v1/articles`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(indusOpEd()),
        });
        const body = await res.text();
        expectSafe({ statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') }, body }, authorization.slice(0, 12));
        return res.status;
      };
      expect(await post(`Bearer ${key}`)).toBe(401); // revoked above
      expect(await post(`Bearer ${reader}`)).toBe(403);
      expect(await post(reader)).toBe(401);
      expect((await fetch(`${base}/v1/articles`, { headers: { authorization: `Bearer ${reader}` } })).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(server.output()).toContain('incoming request');
    for (const k of [key, reader]) expect(server.output()).not.toContain(secretOf(k));
  });
});

describe('a real 500', () => {
  it('hides the database error from the client and logs it', async () => {
    const { stream, logs } = memoryLog();
    const broken = await buildTestApp({ logger: { level: 'info', stream }, limits: NO_LIMITS });
    const key = await broken.store.createKey('writer', ['write']);
    await broken.store.close();
    onTestFinished(() => broken.close());

    for (const url of [`/v1/articles/${SEED_ID}?include=body`, '/v1/articles?limit=5', '/v1/search?q=border', '/v1/actors/pakistan']) {
      const res = await broken.inject(url);
      expect(res.statusCode, url).toBe(500);
      expectSafe(res, url);
      expect(JSON.parse(res.body)).toMatchObject({ title: 'Internal Server Error', detail: expect.stringMatching(/logged/) });
    }
    const write = await broken.inject({ method: 'POST', url: '/v1/articles', headers: bearer(key), payload: indusOpEd() });
    expect(write.statusCode).toBe(500);
    expectSafe(write, 'POST on a closed database');
    const health = await broken.inject('/health');
    expect(health.statusCode).toBe(503);
    expectSafe(health, '/health on a closed database');
    // The cause went to the log, where an operator can read it.
    // The engine's own words for a closed database: SQLite's, or node-postgres's for an ended pool.
    expect(logs()).toMatch(/database connection is not open|Cannot use a pool after calling end/);
    expect(logs()).not.toContain(key.slice(-43));
  });
});
