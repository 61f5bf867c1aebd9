// The soak: mixed reads and writes against the real server for a bounded time. Usage:
//
//   npm run soak                         # 60 s (after a 5 s warm-up), 16 connections, rate limits off
//   SOAK_SECONDS=10 npm run soak         # a quick one
//   SOAK_RATE_LIMITS=1 npm run soak      # the production limits: 429s are expected and counted
//   npm run soak -- --seconds 30 --connections 32 --server dist
//
// 1. Starts the server as its own process on a fresh database in a temp directory (it migrates
//    and seeds it), makes a write key with the keys command and imports --articles synthetic
//    articles with the import command, both while the server runs.
// 2. Runs a closed loop of --connections workers (keep-alive HTTP/1.1 on 127.0.0.1), each with its
//    own seeded stream of choices: ~85% reads over every GET route of the API (lists with filters
//    and cursors, articles with include, search for common and rare terms, conditional GETs with
//    If-None-Match) and ~15% writes (POST, PUT with If-Match, some of them stale on purpose, PUT
//    that creates, DELETE).
// 3. Samples the server's RSS from /proc every second.
// 4. Reads back every article written during the run: each acknowledged create or replace must
//    read back as written (and with the ETag its write answered), each delete must answer 404.
// 5. Prints a table, writes bench/results/soak-<timestamp>.json and exits 1 when any request
//    failed (anything but 2xx/304, a 404 after a delete, a 412 on a stale If-Match, or a 429),
//    when a read was staler than an acknowledged write, or when a write was lost.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IngestDocument } from '../src/schemas/ingest.js';
import { syntheticArticle } from '../tests/helpers/fixtures.js';
import { NO_RATE_LIMITS_ENV, runCli } from '../tests/helpers/server.js';
import { parseArgs, positiveInt, projectRoot, Rng } from './corpus.js';
import { cpuSeconds, freePort, keepOutput, lpad, pad, quantile, r1, r2, rssMb, stop, waitFor200, writeResult, type WithOutput } from './processes.js';

// ---------------------------------------------------------------------------------------------
// Options: command line first, then SOAK_* variables, then defaults.

const env = process.env;
const args = parseArgs(process.argv.slice(2), {
  seconds: env.SOAK_SECONDS ?? '60',
  warmup: env.SOAK_WARMUP ?? '5',
  connections: env.SOAK_CONNECTIONS ?? '16',
  articles: env.SOAK_ARTICLES ?? '300',
  seed: env.SOAK_SEED ?? '42',
  server: env.SOAK_SERVER ?? 'source',
  'log-level': env.SOAK_LOG_LEVEL ?? 'warn',
  'rate-limits': env.SOAK_RATE_LIMITS === '1',
});
const SECONDS = positiveInt(args.seconds!, 'seconds');
const WARMUP = Number(args.warmup);
const CONNECTIONS = positiveInt(args.connections!, 'connections');
const PRELOAD = positiveInt(args.articles!, 'articles');
const SEED = Number(args.seed);
const SERVER = String(args.server);
const LOG_LEVEL = String(args['log-level']);
const RATE_LIMITS = args['rate-limits'] === true;
const WRITE_SHARE = 0.15;
const REQUEST_TIMEOUT_MS = 30_000;

if (SECONDS > 3600 || CONNECTIONS > 256 || PRELOAD > 20_000 || !(WARMUP >= 0 && WARMUP <= 60) || !Number.isInteger(SEED)) {
  throw new Error('bounded runs only: --seconds <= 3600, --connections <= 256, --articles <= 20000, 0 <= --warmup <= 60, an integer --seed');
}
if (SERVER !== 'source' && SERVER !== 'dist') throw new Error(`--server is 'source' (tsx, the default) or 'dist' (node dist/src/server.js), not '${SERVER}'`);

// ---------------------------------------------------------------------------------------------
// The server process and the temp directory: both go away at the end, also on error or Ctrl-C.

const workDir = mkdtempSync(join(os.tmpdir(), 'editorial-soak-'));
const databasePath = join(workDir, 'soak.sqlite');
let server: WithOutput | null = null;
/** The tail of the server's output, for errors (a function: `server` is assigned inside main()). */
const serverTail = () => server?.output().slice(-3000) ?? '';

function cleanUp() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server`);
    cleanUp();
    process.exit(130);
  });
}

/**
 * Spawns the server itself (not through npm), so the child's pid is the process whose RSS we
 * read. Its output is kept as a tail, and its warn/error/fatal log lines are counted.
 */
function spawnServer(port: number, serverEnv: Record<string, string>) {
  const entry = SERVER === 'dist' ? ['dist/src/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  if (SERVER === 'dist' && !existsSync(join(projectRoot, 'dist/src/server.js'))) throw new Error('--server dist: run `npm run build` first');
  let warnings = 0;
  const child = keepOutput(
    spawn(process.execPath, entry, {
      cwd: projectRoot,
      env: { ...env, ...serverEnv, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'server',
    (text) => (warnings += (text.match(/"level":(40|50|60)/g) ?? []).length),
  );
  return Object.assign(child, { warnings: () => warnings });
}

// ---------------------------------------------------------------------------------------------
// HTTP: node:http with one keep-alive agent of --connections sockets (lighter than fetch, so the
// load generator takes less of the cores it shares with the server).

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let origin = { host: '127.0.0.1', port: 0 };
const loadAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
// Read-back uses its own source address: with production limits on, 127.0.0.1 has spent its budget.
const checkAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const CHECK_ADDRESS = '127.0.0.2';

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; agent?: http.Agent; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(
      { ...origin, method, path, headers, agent: options.agent ?? loadAgent, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics.

type Klass = 'read' | 'write';
type Outcome = 'ok' | 'expected' | 'rateLimited' | 'error' | 'network';

class Tally {
  requests = 0;
  statuses: Record<string, number> = {};
  outcomes: Record<Outcome, number> = { ok: 0, expected: 0, rateLimited: 0, error: 0, network: 0 };
  latencies: number[] = [];
  add(status: number | 'network', outcome: Outcome, ms: number) {
    this.requests++;
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    this.outcomes[outcome]++;
    if (outcome !== 'network') this.latencies.push(ms);
  }
  summary(seconds: number) {
    const list = [...this.latencies].sort((a, b) => a - b);
    return {
      requests: this.requests,
      perSecond: r1(this.requests / seconds),
      statuses: this.statuses,
      ...this.outcomes,
      latencyMs: { p50: r2(quantile(list, 0.5)), p95: r2(quantile(list, 0.95)), p99: r2(quantile(list, 0.99)), max: r2(list.at(-1) ?? NaN) },
    };
  }
}

class Phase {
  readonly all = new Tally();
  readonly byClass: Record<Klass, Tally> = { read: new Tally(), write: new Tally() };
  readonly byKind = new Map<string, Tally>();
  add(kind: string, klass: Klass, status: number | 'network', outcome: Outcome, ms: number) {
    this.all.add(status, outcome, ms);
    this.byClass[klass].add(status, outcome, ms);
    let tally = this.byKind.get(kind);
    if (!tally) this.byKind.set(kind, (tally = new Tally()));
    tally.add(status, outcome, ms);
  }
}

const warmupPhase = new Phase();
const measuredPhase = new Phase();
let phase: Phase = warmupPhase;
const errorSamples: string[] = [];
let errorCount = 0;

function noteError(text: string) {
  errorCount++;
  if (errorSamples.length < 20) errorSamples.push(text);
}

// ---------------------------------------------------------------------------------------------
// What the soak knows it wrote: every synthetic article, its revision and the ETag its last
// acknowledged write answered.

interface Tracked {
  id: string;
  n: number;
  doc: IngestDocument;
  rev: number;
  state: 'live' | 'deleted';
  /** A write whose answer never came (network error): its outcome is unknown, so no check uses it. */
  uncertain: boolean;
  fixed: boolean;
  etag?: string;
  previousEtag?: string;
  busy: 'replace' | 'delete' | null;
  touched: boolean;
}

/** A set with O(1) add, remove and random pick. */
class Pool<T> {
  private items: T[] = [];
  private index = new Map<T, number>();
  get size() {
    return this.items.length;
  }
  add(item: T) {
    if (this.index.has(item)) return;
    this.index.set(item, this.items.length);
    this.items.push(item);
  }
  remove(item: T) {
    const i = this.index.get(item);
    if (i === undefined) return;
    const last = this.items.pop()!;
    if (last !== item) {
      this.items[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(item);
  }
  pick(rng: Rng): T | undefined {
    return this.items.length ? this.items[Math.floor(rng.next() * this.items.length)] : undefined;
  }
}

const tracked = new Map<string, Tracked>();
const live = new Pool<Tracked>();
const deleted = new Pool<Tracked>();
let nextN = 0;
const counters = { created: 0, replaced: 0, deleted: 0, staleRefused: 0, staleAccepted: 0, staleReads: 0 };

const revised = (n: number, rev: number): IngestDocument => {
  const doc = syntheticArticle(n);
  if (rev === 0) return doc;
  doc.headline = `${doc.headline} (revision ${rev})`;
  doc.author = `Editor ${rev}`;
  doc.recommendations[0]!.statement = `${doc.recommendations[0]!.statement.slice(0, -1)} (revision ${rev}).`;
  doc.quotations[0]!.claim = `The window is closing (revision ${rev}).`;
  return doc;
};
const revisionOf = (headline: string) => Number(/\(revision (\d+)\)$/.exec(headline)?.[1] ?? 0);

function track(n: number, rev: number, etag?: string): Tracked {
  const doc = revised(n, rev);
  const t: Tracked = { id: doc.id!, n, doc, rev, state: 'live', uncertain: false, fixed: false, etag, busy: null, touched: false };
  tracked.set(t.id, t);
  live.add(t);
  return t;
}

// ---------------------------------------------------------------------------------------------
// One request, timed and judged. `judge` sees every answer but 429 and says whether it is fine,
// an expected refusal (404 after a delete, 412 on a stale If-Match) or an error (why).

type Judgement = 'ok' | 'expected' | { error: string };
const plainJudge = (a: Answer): Judgement => (a.status < 300 || a.status === 304 ? 'ok' : { error: `unexpected ${a.status}` });

async function call(
  kind: string,
  klass: Klass,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
  judge: (a: Answer) => Judgement = plainJudge,
): Promise<Answer | null> {
  const started = performance.now();
  const recordIn = phase;
  let answer: Answer;
  try {
    answer = await send(method, path, options);
  } catch (err) {
    recordIn.add(kind, klass, 'network', 'network', performance.now() - started);
    noteError(`${method} ${path}: network error: ${(err as Error).message}`);
    return null;
  }
  const ms = performance.now() - started; // before judging, which may parse the body
  let outcome: Outcome;
  if (answer.status === 429) outcome = 'rateLimited';
  else {
    const j = judge(answer);
    if (typeof j === 'string') outcome = j;
    else {
      outcome = 'error';
      noteError(`${method} ${path} -> ${answer.status}: ${j.error}: ${answer.body.slice(0, 300)}`);
    }
  }
  recordIn.add(kind, klass, answer.status, outcome, ms);
  return answer;
}

// ---------------------------------------------------------------------------------------------
// The workload.

const PUBLICATIONS = ['dawn', 'the-express-tribune', 'the-news'];
const KINDS = ['editorial', 'op-ed', 'column'];
const TOPICS = ['topic-0', 'topic-1', 'topic-2', 'topic-3', 'synthetic'];
const DOMAINS = ['diplomacy', 'trade', 'border-security', 'climate', 'governance'];
const STRENGTHS = ['must', 'should', 'could'];
const ACTOR_TYPES = ['state', 'armed-group', 'organization', 'institution', 'person', 'group'];
const SOURCE_TYPES = ['organization', 'person', 'document', 'group'];
const INCLUDES = ['body', 'actors', 'recommendations', 'quotations'];
const COMMON_QUERIES = ['talks', 'window closing', '"plan number"', 'publish*', 'talks OR plan', 'pakistan -india', 'border', 'taliban', 'analysts'];
const LIMITS = [5, 20, 20, 50, 100];
const SEARCH_TYPES = ['article', 'recommendation', 'quotation'];

let actorIds: string[] = [];
let sourceIds: string[] = [];
let writeKey = '';

const qs = (params: Record<string, string | number | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};
const maybe = <T>(rng: Rng, p: number, value: () => T): T | undefined => (rng.chance(p) ? value() : undefined);
const month = (rng: Rng) => `2025-${String(rng.int(1, 12)).padStart(2, '0')}-01`;

/** ETags of earlier 200 answers, for conditional GETs; with the revision an article answer showed. */
const etags = new Map<string, { etag: string; rev?: number }>();
/** nextCursor values from list answers, to page on. */
const cursors: string[] = [];
let cursorSlot = 0;

function rememberCursor(path: string, body: string) {
  try {
    const cursor = (JSON.parse(body) as { page?: { nextCursor?: string | null } }).page?.nextCursor;
    if (!cursor) return;
    const base = path.replace(/([?&])cursor=[^&]*&?/, '$1').replace(/[?&]$/, '');
    cursors[cursorSlot++ % 500] = `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
  } catch {
    // not JSON: the judge has counted it
  }
}

/** A GET; conditional a quarter of the time when an ETag for the URL is known. */
async function read(kind: string, path: string, rng: Rng, judge: (a: Answer) => Judgement = plainJudge, list = false) {
  const cached = etags.get(path);
  const conditional = cached && rng.chance(0.25);
  const a = await call(kind, 'read', 'GET', path, conditional ? { headers: { 'if-none-match': cached.etag } } : {}, judge);
  if (a?.status === 200) {
    if (typeof a.headers.etag === 'string') {
      if (etags.size > 20_000) etags.clear();
      etags.set(path, { etag: a.headers.etag, rev: kind === 'article.byId' ? revisionOf(safeHeadline(a.body)) : undefined });
    }
    if (list) rememberCursor(path, a.body);
  }
  return a;
}

const safeHeadline = (body: string) => {
  try {
    return (JSON.parse(body) as { headline?: string }).headline ?? '';
  } catch {
    return '';
  }
};

/**
 * Judges a read about one article: 404 is expected once its delete was acknowledged (or while it
 * is in flight), a 200 after an acknowledged delete is stale, and so is an article, or a 304,
 * older than the revision acknowledged before the read began.
 */
function articleJudge(t: Tracked, path: string, checkRevision: boolean) {
  const revAtStart = t.rev;
  const deletedAtStart = t.state === 'deleted';
  const cachedRev = etags.get(path)?.rev;
  return (a: Answer): Judgement => {
    if (t.uncertain) return a.status < 300 || a.status === 304 || a.status === 404 ? 'ok' : { error: `unexpected ${a.status}` };
    if (a.status === 404) return t.state === 'deleted' || t.busy === 'delete' ? 'expected' : { error: 'unexpected 404 for a live article' };
    if (deletedAtStart && (a.status === 200 || a.status === 304)) {
      counters.staleReads++;
      return { error: 'a deleted article was served' };
    }
    const servedRev = checkRevision && a.status === 200 ? revisionOf(safeHeadline(a.body)) : revAtStart;
    if (servedRev < revAtStart) {
      counters.staleReads++;
      return { error: `revision ${servedRev} served after revision ${revAtStart} was acknowledged` };
    }
    if (checkRevision && a.status === 304 && cachedRev !== undefined && cachedRev < revAtStart) {
      counters.staleReads++;
      return { error: `304 for revision ${cachedRev} after revision ${revAtStart} was acknowledged` };
    }
    return plainJudge(a);
  };
}

async function readArticle(rng: Rng) {
  const t = live.pick(rng);
  if (!t) return;
  const parts = INCLUDES.filter(() => rng.chance(0.5));
  const path = `/v1/articles/${t.id}${parts.length ? `?include=${parts.join(',')}` : ''}`;
  await read('article.byId', path, rng, articleJudge(t, path, true));
}

async function readArticlePart(rng: Rng) {
  const t = live.pick(rng);
  if (!t) return;
  const part = rng.pick(['actors', 'recommendations', 'quotations']);
  const query = part === 'actors' ? qs({ limit: maybe(rng, 0.3, () => rng.pick(LIMITS)) }) : qs({ sort: maybe(rng, 0.3, () => 'datePublished') });
  const path = `/v1/articles/${t.id}/${part}${query}`;
  await read(`article.${part}`, path, rng, articleJudge(t, path, false), true);
}

async function readPartById(rng: Rng) {
  const t = live.pick(rng);
  if (!t) return;
  const [route, suffix] = rng.chance(0.6) ? ['recommendations', `r${rng.int(1, 2)}`] : ['quotations', 'q1'];
  if (t.fixed) return read(`${route}.byId`, `/v1/${route}?article=${t.id}&limit=5`, rng, plainJudge, true); // the seed's ids differ
  const path = `/v1/${route}/${t.id}.${suffix}`;
  await read(`${route}.byId`, path, rng, articleJudge(t, path, false));
}

async function readDeleted(rng: Rng) {
  const t = deleted.pick(rng);
  if (!t) return readArticle(rng);
  const path = `/v1/articles/${t.id}`;
  await read('article.deleted', path, rng, articleJudge(t, path, true));
}

const articleFilters = (rng: Rng) => ({
  publication: maybe(rng, 0.3, () => rng.pick(PUBLICATIONS)),
  kind: maybe(rng, 0.2, () => rng.pick(KINDS)),
  topic: maybe(rng, 0.2, () => rng.pick(TOPICS)),
  from: maybe(rng, 0.2, () => month(rng)),
  sort: maybe(rng, 0.3, () => rng.pick(['-datePublished', 'datePublished', 'headline'])),
  limit: maybe(rng, 0.4, () => rng.pick(LIMITS)),
  q: maybe(rng, 0.1, () => rng.pick(COMMON_QUERIES)),
});

const READS: Array<[number, (rng: Rng) => Promise<unknown>]> = [
  [22, readArticle],
  [8, readArticlePart],
  [7, readPartById],
  [2, readDeleted],
  [12, (rng) => read('articles.list', `/v1/articles${qs({ ...articleFilters(rng), actor: maybe(rng, 0.2, () => rng.pick(actorIds)) })}`, rng, plainJudge, true)],
  [6, (rng) => (cursors.length ? read('cursor', rng.pick(cursors), rng, plainJudge, true) : readArticle(rng))],
  [
    8,
    (rng) =>
      read(
        'recommendations.list',
        `/v1/recommendations${qs({
          addressee: maybe(rng, 0.3, () => rng.pick(actorIds)),
          partner: maybe(rng, 0.15, () => rng.pick(actorIds)),
          domain: maybe(rng, 0.25, () => rng.pick(DOMAINS)),
          strength: maybe(rng, 0.25, () => rng.pick(STRENGTHS)),
          sort: maybe(rng, 0.3, () => rng.pick(['-datePublished', 'datePublished', 'priority'])),
          to: maybe(rng, 0.1, () => month(rng)),
          limit: maybe(rng, 0.3, () => rng.pick(LIMITS)),
          q: maybe(rng, 0.1, () => rng.pick(['talks', 'publish*', 'plan'])),
        })}`,
        rng,
        plainJudge,
        true,
      ),
  ],
  [
    5,
    (rng) =>
      read(
        'quotations.list',
        `/v1/quotations${qs({
          source: maybe(rng, 0.4, () => rng.pick(sourceIds)),
          kind: maybe(rng, 0.2, () => rng.pick(['direct', 'indirect'])),
          sort: maybe(rng, 0.2, () => rng.pick(['-datePublished', 'datePublished'])),
          limit: maybe(rng, 0.3, () => rng.pick(LIMITS)),
          q: maybe(rng, 0.1, () => rng.pick(['window', 'closing'])),
        })}`,
        rng,
        plainJudge,
        true,
      ),
  ],
  [3, (rng) => read('actors.list', `/v1/actors${qs({ type: maybe(rng, 0.4, () => rng.pick(ACTOR_TYPES)), q: maybe(rng, 0.2, () => rng.pick(['pakistan', 'united', 'india OR china'])), limit: maybe(rng, 0.3, () => rng.pick(LIMITS)) })}`, rng, plainJudge, true)],
  [3, (rng) => read('actors.byId', `/v1/actors/${rng.pick(actorIds)}`, rng)],
  [4, (rng) => read('actors.recommendations', `/v1/actors/${rng.pick(actorIds)}/recommendations${qs({ sort: maybe(rng, 0.4, () => 'priority'), strength: maybe(rng, 0.2, () => rng.pick(STRENGTHS)), limit: maybe(rng, 0.3, () => rng.pick(LIMITS)) })}`, rng, plainJudge, true)],
  [3, (rng) => read('actors.articles', `/v1/actors/${rng.pick(actorIds)}/articles${qs({ sort: maybe(rng, 0.3, () => rng.pick(['-datePublished', 'headline'])), kind: maybe(rng, 0.2, () => rng.pick(KINDS)) })}`, rng, plainJudge, true)],
  [2, (rng) => read('sources.list', `/v1/sources${qs({ type: maybe(rng, 0.4, () => rng.pick(SOURCE_TYPES)), limit: maybe(rng, 0.3, () => rng.pick(LIMITS)) })}`, rng, plainJudge, true)],
  [2, (rng) => read('sources.byId', `/v1/sources/${rng.pick(sourceIds)}`, rng)],
  [6, (rng) => read('search.common', `/v1/search${qs({ q: rng.pick(COMMON_QUERIES), type: maybe(rng, 0.3, () => rng.pick(SEARCH_TYPES)), limit: maybe(rng, 0.2, () => rng.pick(LIMITS)) })}`, rng, plainJudge, true)],
  [
    4,
    (rng) => {
      // A number occurs only in its own article ("item 17", "plan number 17", "Institute 17").
      const n = live.pick(rng)?.n ?? 1;
      return read('search.rare', `/v1/search${qs({ q: rng.chance(0.5) ? `"plan number ${n}"` : `item ${n}`, type: maybe(rng, 0.3, () => rng.pick(SEARCH_TYPES)) })}`, rng);
    },
  ],
  [1, (rng) => read('health', '/health', rng)],
  [0.5, (rng) => read('openapi', '/openapi.json', rng)],
];

const auth = () => ({ authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' });

/** A synthetic article nobody is writing, locked for this write; undefined when none is free. */
function pickWritable(rng: Rng, busy: 'replace' | 'delete'): Tracked | undefined {
  for (let attempt = 0; attempt < 8; attempt++) {
    const t = live.pick(rng);
    if (t && !t.fixed && !t.busy && !t.uncertain) {
      t.busy = busy;
      return t;
    }
  }
  return undefined;
}

async function create(viaPut: boolean) {
  const n = nextN++;
  const doc = syntheticArticle(n);
  const a = viaPut
    ? await call('write.putCreate', 'write', 'PUT', `/v1/articles/${doc.id}`, { headers: auth(), body: JSON.stringify(doc) }, (x) => (x.status === 201 ? 'ok' : { error: 'PUT of a new id without If-Match must answer 201' }))
    : await call('write.create', 'write', 'POST', '/v1/articles', { headers: auth(), body: JSON.stringify(doc) }, (x) => (x.status === 201 ? 'ok' : { error: 'POST must answer 201' }));
  if (a?.status === 201) {
    const t = track(n, 0, a.headers.etag);
    t.touched = true;
    counters.created++;
  } else if (!a) {
    const t = track(n, 0);
    t.uncertain = t.touched = true;
  }
}

async function replace(rng: Rng) {
  const t = pickWritable(rng, 'replace');
  if (!t) return create(false);
  try {
    if (!t.etag) {
      // Imported articles: read the ETag first, as a client would.
      const got = await call('article.etagForWrite', 'read', 'GET', `/v1/articles/${t.id}`, {}, articleJudge(t, `/v1/articles/${t.id}`, true));
      if (got?.status !== 200 || typeof got.headers.etag !== 'string') return;
      t.etag = got.headers.etag;
    }
    const stale = rng.chance(0.1);
    const rev = t.rev + 1;
    const doc = revised(t.n, rev);
    const ifMatch = stale ? (t.previousEtag ?? '"0000000000000000"') : t.etag;
    const a = await call(
      stale ? 'write.replaceStale' : 'write.replace',
      'write',
      'PUT',
      `/v1/articles/${t.id}`,
      { headers: { ...auth(), 'if-match': ifMatch }, body: JSON.stringify(doc) },
      (x) => (stale ? (x.status === 412 ? 'expected' : { error: 'a stale If-Match must answer 412' }) : x.status === 200 ? 'ok' : { error: 'PUT with the current If-Match must answer 200' }),
    );
    if (!a) {
      t.uncertain = t.touched = true;
      return;
    }
    if (stale && a.status === 412) counters.staleRefused++;
    if (a.status === 200) {
      if (stale) counters.staleAccepted++;
      t.previousEtag = t.etag;
      t.etag = a.headers.etag;
      t.rev = rev;
      t.doc = doc;
      t.touched = true;
      counters.replaced++;
    }
  } finally {
    t.busy = null;
  }
}

async function remove(rng: Rng) {
  const t = pickWritable(rng, 'delete');
  if (!t) return create(false);
  try {
    const withIfMatch = t.etag !== undefined && rng.chance(0.5);
    const a = await call('write.delete', 'write', 'DELETE', `/v1/articles/${t.id}`, { headers: { authorization: `Bearer ${writeKey}`, ...(withIfMatch ? { 'if-match': t.etag! } : {}) } }, (x) =>
      x.status === 204 ? 'ok' : { error: 'DELETE of a live article must answer 204' },
    );
    if (!a) {
      t.uncertain = t.touched = true;
    } else if (a.status === 204) {
      t.state = 'deleted';
      t.touched = true;
      live.remove(t);
      deleted.add(t);
      counters.deleted++;
    }
  } finally {
    t.busy = null;
  }
}

// Creates outnumber deletes, so the set of live articles grows slowly during the run.
const WRITES: Array<[number, (rng: Rng) => Promise<unknown>]> = [
  [45, () => create(false)],
  [5, () => create(true)],
  [35, replace],
  [15, remove],
];

function weighted<T>(table: Array<[number, T]>): (rng: Rng) => T {
  const total = table.reduce((s, [w]) => s + w, 0);
  return (rng) => {
    let x = rng.next() * total;
    for (const [w, item] of table) if ((x -= w) < 0) return item;
    return table.at(-1)![1];
  };
}
const pickRead = weighted(READS);
const pickWrite = weighted(WRITES);

async function worker(index: number, until: () => boolean) {
  const rng = Rng.forItem(SEED, index);
  while (!until()) {
    if (rng.chance(WRITE_SHARE)) await pickWrite(rng)(rng);
    else await pickRead(rng)(rng);
  }
}

// ---------------------------------------------------------------------------------------------
// RSS trend.

/** Least-squares slope of RSS over time, in MB per minute. */
function slopePerMinute(samples: Array<{ s: number; mb: number }>): number {
  if (samples.length < 2) return NaN;
  const mx = samples.reduce((a, p) => a + p.s, 0) / samples.length;
  const my = samples.reduce((a, p) => a + p.mb, 0) / samples.length;
  const num = samples.reduce((a, p) => a + (p.s - mx) * (p.mb - my), 0);
  const den = samples.reduce((a, p) => a + (p.s - mx) ** 2, 0);
  return (num / den) * 60;
}

// ---------------------------------------------------------------------------------------------
// Read-back: every article written during the run, as its last acknowledged write left it.

async function check(path: string): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const a = await send('GET', path, { agent: checkAgent, localAddress: CHECK_ADDRESS });
    if (a.status !== 429 || attempt >= 5) return a;
    await new Promise((r) => setTimeout(r, Math.min(60, Number(a.headers['retry-after'] ?? 1)) * 1000));
  }
}

interface ArticleJson {
  headline: string;
  kind: string;
  author: string | null;
  datePublished: string;
  publication: { id: string };
  topics: string[];
  body: string;
  recommendations: Array<{ statement: string; addressee: { id: string } }>;
  quotations: Array<{ claim: string; source: { id: string } }>;
}

function differences(doc: IngestDocument, got: ArticleJson): string[] {
  const out: string[] = [];
  const same = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${name}: wrote ${JSON.stringify(a)?.slice(0, 80)}, read ${JSON.stringify(b)?.slice(0, 80)}`);
  };
  same('headline', doc.headline, got.headline);
  same('kind', doc.kind, got.kind);
  same('author', doc.author, got.author);
  same('datePublished', doc.datePublished, got.datePublished);
  same('publication', doc.publication.id, got.publication.id);
  same('topics', [...doc.topics].sort(), [...got.topics].sort());
  same('body', doc.body, got.body);
  same('recommendations', doc.recommendations.map((r) => [r.statement, r.addressee]), got.recommendations.map((r) => [r.statement, r.addressee.id]));
  same('quotations', (doc.quotations ?? []).map((q) => q.claim), got.quotations.map((q) => q.claim));
  return out;
}

async function verify() {
  const result = { checked: 0, live: 0, deleted: 0, uncertain: 0, lost: 0, etagMismatches: 0, problems: [] as string[] };
  const lost = (text: string) => {
    result.lost++;
    if (result.problems.length < 20) result.problems.push(text);
  };
  const toCheck = [...tracked.values()].filter((t) => t.touched);
  let next = 0;
  const one = async () => {
    while (next < toCheck.length) {
      const t = toCheck[next++]!;
      if (t.uncertain) {
        result.uncertain++;
        continue;
      }
      result.checked++;
      const full = await check(`/v1/articles/${t.id}?include=body,actors,recommendations,quotations`);
      if (t.state === 'deleted') {
        result.deleted++;
        if (full.status !== 404) lost(`${t.id}: deleted (204) but GET answers ${full.status}`);
        continue;
      }
      result.live++;
      if (full.status !== 200) {
        lost(`${t.id}: revision ${t.rev} acknowledged but GET answers ${full.status}`);
        continue;
      }
      const diff = differences(t.doc, JSON.parse(full.body) as ArticleJson);
      if (diff.length) lost(`${t.id}: revision ${t.rev} acknowledged, read back differs: ${diff.join('; ')}`);
      // The write's ETag names the representation it stored; unchanged since, GET must agree.
      const plain = await check(`/v1/articles/${t.id}`);
      if (plain.headers.etag !== t.etag) {
        result.etagMismatches++;
        lost(`${t.id}: the write answered ETag ${t.etag}, GET answers ${String(plain.headers.etag)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, one));
  return result;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const rateEnv: Record<string, string> = RATE_LIMITS ? {} : NO_RATE_LIMITS_ENV;
  console.log(
    `soak: ${SECONDS} s after a ${WARMUP} s warm-up, ${CONNECTIONS} connections, seed ${SEED}, ` +
      `rate limits ${RATE_LIMITS ? 'on (production defaults: 429s expected)' : 'off'}, server from ${SERVER === 'dist' ? 'dist/' : 'source (tsx)'}; ` +
      `${os.cpus().length} cores, load ${loadAtStart.toFixed(2)}`,
  );

  // 1. The server on a fresh database (migrated and seeded on start), a key, the synthetic articles.
  const port = await freePort();
  origin = { host: '127.0.0.1', port };
  const spawnedAt = performance.now();
  const child = spawnServer(port, rateEnv);
  server = child;
  await waitFor200(`http://127.0.0.1:${port}/health`, child);
  const healthMs = performance.now() - spawnedAt;
  const cliEnv = { DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' };
  const keys = runCli('keys', ['create', '--name', 'soak', '--scope', 'write'], cliEnv);
  if (keys.code !== 0) throw new Error(`keys create failed: ${keys.stderr}`);
  writeKey = keys.stdout.trim().split('\n').at(-1)!;
  const ndjson = join(workDir, 'preload.ndjson');
  writeFileSync(ndjson, Array.from({ length: PRELOAD }, (_, n) => JSON.stringify(syntheticArticle(n))).join('\n') + '\n');
  const imported = runCli('import', [ndjson], cliEnv);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  for (let n = 0; n < PRELOAD; n++) track(n, 0);
  nextN = PRELOAD;
  const lists = await Promise.all(['/v1/actors?limit=100', '/v1/sources?limit=100', '/v1/articles?publication=dawn&kind=editorial&limit=100'].map((p) => send('GET', p, { agent: checkAgent, localAddress: CHECK_ADDRESS })));
  for (const l of lists) if (l.status !== 200) throw new Error(`setup read answered ${l.status}: ${l.body.slice(0, 300)}`);
  const ids = (a: Answer) => (JSON.parse(a.body) as { data: Array<{ id: string }> }).data.map((x) => x.id);
  actorIds = ids(lists[0]!);
  sourceIds = ids(lists[1]!);
  // The seed articles are read but never written.
  for (const id of ids(lists[2]!).filter((id) => !tracked.has(id))) {
    const seed: Tracked = { id, n: -1, doc: syntheticArticle(0), rev: 0, state: 'live', uncertain: false, fixed: true, busy: null, touched: false };
    tracked.set(id, seed);
    live.add(seed);
  }
  console.log(
    `setup: /health after ${healthMs.toFixed(0)} ms; key made; ${PRELOAD} articles imported; ` +
      `${actorIds.length} actors, ${sourceIds.length} sources, ${tracked.size - PRELOAD} seed article(s)`,
  );

  // 2. Load, with RSS sampled every second.
  const pid = child.pid!;
  const samples: Array<{ s: number; mb: number }> = [];
  const t0 = performance.now();
  const sampler = setInterval(() => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ s: (performance.now() - t0) / 1000, mb });
  }, 1000);
  const rssBefore = rssMb(pid) ?? NaN;
  const warmupEnd = t0 + WARMUP * 1000;
  const end = warmupEnd + SECONDS * 1000;
  let rssStart = NaN;
  // CPU over the measured period: is the server the bottleneck, or the load generator?
  let cpuStart = { server: NaN, soak: process.cpuUsage() };
  const phaseTimer = setTimeout(() => {
    rssStart = rssMb(pid) ?? NaN;
    cpuStart = { server: cpuSeconds(pid) ?? NaN, soak: process.cpuUsage() };
    phase = measuredPhase;
  }, WARMUP * 1000);
  // The measured period ends at the deadline, not when the requests still in flight then are done
  // (or when the workers are, should a timer come late).
  let measured: { seconds: number; rssEnd: number; cpu: { serverPct: number; loadGeneratorPct: number } } | undefined;
  const endMeasuring = () => {
    if (measured) return measured;
    const seconds = (performance.now() - warmupEnd) / 1000;
    const soak = process.cpuUsage(cpuStart.soak);
    const cpu = {
      serverPct: r1((100 * ((cpuSeconds(pid) ?? NaN) - cpuStart.server)) / seconds),
      loadGeneratorPct: r1((100 * (soak.user + soak.system)) / 1e6 / seconds),
    };
    return (measured = { seconds, rssEnd: rssMb(pid) ?? NaN, cpu });
  };
  const stopTimer = setTimeout(endMeasuring, end - t0);
  const progress = setInterval(() => {
    const elapsed = (performance.now() - t0) / 1000;
    const last = samples.at(-1)?.mb;
    console.log(`  ${elapsed.toFixed(0).padStart(4)} s  ${phase === measuredPhase ? 'measured' : 'warm-up '}  ${String(phase.all.requests).padStart(7)} requests  errors ${errorCount}  RSS ${last?.toFixed(0) ?? '?'} MB`);
  }, 10_000);
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(i, () => performance.now() >= end)));
  const drainMs = performance.now() - end;
  clearTimeout(phaseTimer);
  clearTimeout(stopTimer);
  clearInterval(progress);
  clearInterval(sampler);
  const { seconds: measuredSeconds, rssEnd, cpu } = endMeasuring();
  const measuredSamples = samples.filter((x) => x.s >= WARMUP);
  const rssMax = Math.max(...measuredSamples.map((x) => x.mb), rssEnd);

  // 3. Read-back.
  console.log(`load done (${measuredPhase.all.requests + warmupPhase.all.requests} requests); reading back ${[...tracked.values()].filter((t) => t.touched).length} written articles`);
  const verification = await verify();

  // 4. A clean shutdown.
  const exitCode = await stop(child, 10_000);
  loadAgent.destroy();
  checkAgent.destroy();

  // 5. Report.
  const loadAtEnd = os.loadavg()[0]!;
  const reads = measuredPhase.byClass.read.summary(measuredSeconds);
  const writes = measuredPhase.byClass.write.summary(measuredSeconds);
  const all = measuredPhase.all.summary(measuredSeconds);
  const warm = warmupPhase.all.summary(Math.max(WARMUP, 1e-9));
  const kinds = Object.fromEntries([...measuredPhase.byKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t.summary(measuredSeconds)]));
  const failed = errorCount > 0 || verification.lost > 0 || exitCode !== 0;

  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  out();
  out(`Editorial Data API soak — ${measuredSeconds.toFixed(1)} s measured after ${WARMUP} s warm-up, ${CONNECTIONS} connections on 127.0.0.1, seed ${SEED}, rate limits ${RATE_LIMITS ? 'on' : 'off'}, server from ${SERVER}`);
  out(`node ${process.version}; ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}; load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`);
  out();
  out(`${pad('class', 8)} ${lpad('requests', 9)} ${lpad('req/s', 8)} ${lpad('ok', 8)} ${lpad('expected', 9)} ${lpad('429', 6)} ${lpad('errors', 7)} ${lpad('network', 8)} ${lpad('p50 ms', 8)} ${lpad('p95 ms', 8)} ${lpad('p99 ms', 8)} ${lpad('max ms', 8)}`);
  for (const [name, s] of [['reads', reads], ['writes', writes], ['all', all]] as const) {
    out(
      `${pad(name, 8)} ${lpad(s.requests, 9)} ${lpad(s.perSecond.toFixed(0), 8)} ${lpad(s.ok, 8)} ${lpad(s.expected, 9)} ${lpad(s.rateLimited, 6)} ${lpad(s.error, 7)} ${lpad(s.network, 8)} ` +
        `${lpad(s.latencyMs.p50.toFixed(1), 8)} ${lpad(s.latencyMs.p95.toFixed(1), 8)} ${lpad(s.latencyMs.p99.toFixed(1), 8)} ${lpad(s.latencyMs.max.toFixed(1), 8)}`,
    );
  }
  const codes = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => `${k}: ${v}`).join(', ');
  out(`status codes: reads ${codes(reads.statuses)}; writes ${codes(writes.statuses)}`);
  out(`(expected: 404 after an acknowledged or in-flight delete, 412 on a deliberately stale If-Match; warm-up: ${warm.requests} requests, ${warm.error + warm.network} errors)`);
  out();
  out(`${pad('route', 24)} ${lpad('requests', 9)} ${lpad('p50 ms', 8)} ${lpad('p99 ms', 8)} ${lpad('max ms', 8)}  statuses`);
  for (const [k, s] of Object.entries(kinds)) {
    out(`${pad(k, 24)} ${lpad(s.requests, 9)} ${lpad(s.latencyMs.p50.toFixed(1), 8)} ${lpad(s.latencyMs.p99.toFixed(1), 8)} ${lpad(s.latencyMs.max.toFixed(1), 8)}  ${codes(s.statuses)}`);
  }
  out();
  const growth = rssEnd - rssStart;
  const slope = slopePerMinute(measuredSamples);
  out(
    `server RSS: ${rssBefore.toFixed(0)} MB before load, ${rssStart.toFixed(0)} MB after the warm-up, max ${rssMax.toFixed(0)} MB, ` +
      `end ${rssEnd.toFixed(0)} MB: growth ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB (trend ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MB/min over ${measuredSamples.length} samples)`,
  );
  out(
    `writes acknowledged over the whole run: ${counters.created} created, ${counters.replaced} replaced, ${counters.deleted} deleted; ` +
      `stale If-Match: ${counters.staleRefused} refused (412), ${counters.staleAccepted} accepted; stale reads: ${counters.staleReads}`,
  );
  out(
    `read-back: ${verification.checked} written articles checked (${verification.live} live, ${verification.deleted} deleted), ` +
      `${verification.uncertain} left out (write without an answer); lost writes: ${verification.lost}`,
  );
  if (RATE_LIMITS) {
    const admitted = (k: Klass) => [warmupPhase, measuredPhase].reduce((n, p) => n + p.byClass[k].requests - p.byClass[k].outcomes.rateLimited - p.byClass[k].outcomes.network, 0);
    out(
      `rate limits on: admitted over the whole run (warm-up included) ${admitted('read')} reads and ${admitted('write')} writes from 127.0.0.1; ` +
        'once its budget is spent the workers keep sending, so the rest of the run measures the 429 path',
    );
  }
  out(`CPU while measured (100% = one core of ${os.cpus().length}): server ${cpu.serverPct}%, load generator ${cpu.loadGeneratorPct}%`);
  out(`server: /health after ${healthMs.toFixed(0)} ms; exit code ${exitCode} on SIGTERM; ${child.warnings()} warn/error log lines; the workers stopped ${drainMs.toFixed(0)} ms after the deadline`);
  if (loadAtStart > 0.5) out(`NOTE: the machine was busy (1-minute load ${loadAtStart.toFixed(2)}): other work competes with the server and the load generator, so latencies are pessimistic`);
  for (const e of errorSamples) out(`ERROR ${e}`);
  for (const p of verification.problems) out(`LOST ${p}`);
  if (child.warnings() > 0) out(`server log tail:\n${child.output().slice(-3000)}`);
  out(failed ? 'FAILED' : 'OK: no errors but 429, no stale read, no write lost');
  console.log(lines.join('\n'));

  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ok: !failed,
    environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: { start: r2(loadAtStart), end: r2(loadAtEnd) } },
    options: { seconds: SECONDS, measuredSeconds: r2(measuredSeconds), warmup: WARMUP, connections: CONNECTIONS, preloadArticles: PRELOAD, seed: SEED, server: SERVER, logLevel: LOG_LEVEL, rateLimits: RATE_LIMITS, writeShare: WRITE_SHARE },
    server: { healthMs: r1(healthMs), exitCode, warnLines: child.warnings() },
    cpu,
    totals: { reads, writes, all, warmup: warm },
    routes: kinds,
    errors: { count: errorCount, samples: errorSamples },
    writes: counters,
    readBack: verification,
    rss: { beforeLoadMb: r1(rssBefore), startMb: r1(rssStart), maxMb: r1(rssMax), endMb: r1(rssEnd), growthMb: r1(growth), trendMbPerMin: r2(slope), samples: samples.map((x) => [r1(x.s), r1(x.mb)]) },
    table: lines.join('\n'),
  };
  writeResult('soak', startedAt, json);
  return failed ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (serverTail()) console.error(`server output tail:\n${serverTail()}`);
}
process.exit(exitCode);
