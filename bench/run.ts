// The benchmark suite. Usage:
//
//   npm run bench [-- --articles 100000 --duration 10 --connections 50 --repeats 3]
//   npm run bench -- --engine postgres    (also the real server on PostgreSQL: BENCH_DATABASE_URL)
//
// 1. Builds the corpus (bench/corpus.ts) when it is missing or stale, and a 10,000-article one for
//    the in-process timings.
// 2. In-process: buildApp on a copy of each corpus, app.inject for every scenario, p50/p99.
// 3. Over HTTP on 127.0.0.1, with autocannon, A/B interleaved per scenario and repeat:
//    - the real server (node dist/src/server.js on a copy of the corpus; time to first /health 200;
//      its RSS sampled from /proc during the runs),
//    - the ceiling (bench/ceiling-server.ts: bare Fastify answering the same bytes from a Map),
//    - json-server 1.0 (beta) serving the same article JSON, for the article scenario,
//    - with --engine postgres, the real server on a PostgreSQL database loaded with the same
//      corpus (bench/postgres.ts), side by side with SQLite against the same ceiling.
// 4. Prints a table and writes bench/results/bench-<timestamp>.json.
//
// Every child process is stopped at the end, also on error or Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { constants, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import {
  benchDir,
  buildCorpus,
  corpusIsCurrent,
  defaultCorpusPath,
  metaPathOf,
  parseArgs,
  positiveInt,
  projectRoot,
  Rng,
  type CorpusReport,
} from './corpus.js';
import { loadPostgresCorpus, type PostgresCorpus } from './postgres.js';
import { freePort, keepOutput, lpad, pad, quantile, r1, r2, r3, treeRssMb, stop, waitFor200, writeResult } from './processes.js';
import { LABELS, scenariosFor, type ScenarioKey } from './scenarios.js';

// ---------------------------------------------------------------------------------------------
// Options and targets.

const args = parseArgs(process.argv.slice(2), {
  articles: '100000',
  duration: '10',
  connections: '50',
  repeats: '3',
  warmup: '2',
  seed: '42',
  'inject-iterations': '500',
  'inject-max-seconds': '300',
  sample: '2000',
  'json-server-articles': '10000',
  build: true,
  pin: true,
  'in-process': true,
  'json-server': true,
  engine: 'sqlite',
  baseline: '',
  'baseline-corpus': '',
  workers: '1',
});
/**
 * Processes per server: the real servers run with WORKERS=N and the ceiling as N processes too
 * (node:cluster, sharing the port), all unpinned when N > 1. Run the suite once with 1 and once
 * with N to compare.
 */
const WORKERS = Number(args.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error('--workers is a whole number of processes, 1 or more');
/** Another build (a directory with dist/src/server.js, e.g. an older commit's) in the same rotation. */
const BASELINE = args.baseline ? String(args.baseline) : '';
if (args.engine !== 'sqlite' && args.engine !== 'postgres') throw new Error('--engine is sqlite (the default) or postgres (both, side by side)');
const WITH_POSTGRES = args.engine === 'postgres';
const ARTICLES = positiveInt(args.articles!, 'articles');
const DURATION = positiveInt(args.duration!, 'duration');
const CONNECTIONS = positiveInt(args.connections!, 'connections');
const REPEATS = positiveInt(args.repeats!, 'repeats');
const WARMUP = Number(args.warmup);
const SEED = Number(args.seed);
const INJECT_ITERATIONS = positiveInt(args['inject-iterations']!, 'inject-iterations');
const INJECT_MAX_MS = positiveInt(args['inject-max-seconds']!, 'inject-max-seconds') * 1000;
const SAMPLE = positiveInt(args.sample!, 'sample');
const JSON_SERVER_ARTICLES = Math.min(positiveInt(args['json-server-articles']!, 'json-server-articles'), ARTICLES);
const IN_PROCESS_SMALL = 10_000;

if (DURATION > 120 || CONNECTIONS > 1000 || REPEATS > 20) {
  throw new Error('bounded runs only: --duration <= 120, --connections <= 1000, --repeats <= 20');
}

const TARGETS = {
  ratio: { article: 0.6, list: 0.5, addressee: 0.5, searchCommon: 0.3, searchRare: 0.15, repeated: 0.6 } as Record<ScenarioKey, number>,
  searchInProcessP99Ms: 15,
  rssMb: 256,
  healthMs: 1000,
  /** PostgreSQL's in-process p99 over SQLite's, per scenario (search aside: its ranking differs). */
  pgInProcessP99: 2,
  corpusRate: 500,
};


// ---------------------------------------------------------------------------------------------
// Child processes: every one is tracked and stopped at the end, whatever happens.

/**
 * The load comes from one address: per-client budgets (600 reads a minute) would answer 429. Load
 * shedding is off too: on a machine shared with other work, cheap 503s would count as answers.
 */
const NO_BUDGETS = { RATE_LIMIT_READS: '0', RATE_LIMIT_WRITES: '0', MAX_EVENT_LOOP_DELAY_MS: '0', WORKERS: String(WORKERS) };

const children = new Set<ChildProcess>();
/** The PostgreSQL database of --engine postgres, dropped at the end. */
let pgCorpus: PostgresCorpus | undefined;
const runDir = join(benchDir, 'data', `run-${process.pid}-${Date.now()}`);

async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stop(child, 3000)));
}

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping children`);
    void stopAll().then(() => pgCorpus?.drop()).catch(() => undefined).finally(() => {
      rmSync(runDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const PIN = args.pin === true && hasTaskset && os.cpus().length >= 2 && WORKERS === 1;
const lastCpu = os.cpus().length - 1;

/** Spawns a server; pinned to the last core when pinning (the load generator keeps the others). */
function spawnServer(name: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv, cwd = projectRoot) {
  const [cmd, argv] = PIN ? ['taskset', ['-c', String(lastCpu), command, ...commandArgs]] : [command, commandArgs];
  const child = keepOutput(spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }), name);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

class RssSampler {
  max = 0;
  samples = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly pid: number) {}
  start() {
    this.timer = setInterval(() => this.sample(), 50);
  }
  sample(): number | null {
    const mb = treeRssMb(this.pid);
    if (mb !== null) {
      this.max = Math.max(this.max, mb);
      this.samples++;
    }
    return mb;
  }
  stop() {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics.

const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const spread = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

// ---------------------------------------------------------------------------------------------
// Corpus and scenarios.

async function ensureCorpus(articles: number): Promise<{ path: string; report: CorpusReport; builtNow: boolean }> {
  const path = defaultCorpusPath(articles);
  let builtNow = false;
  if (!corpusIsCurrent(path, articles, SEED)) {
    console.log(`corpus ${relative(projectRoot, path)} is missing or stale: building it`);
    await buildCorpus({ articles, out: path, seed: SEED });
    builtNow = true;
  }
  const report = JSON.parse(readFileSync(metaPathOf(path), 'utf8')) as CorpusReport;
  return { path, report, builtNow };
}

// ---------------------------------------------------------------------------------------------
// In-process timings: buildApp + app.inject on a copy of a corpus.

interface InProcess {
  articles: number;
  engine: 'sqlite' | 'postgres';
  startMs: number;
  scenarios: Record<ScenarioKey, { p50: number; p99: number; mean: number; iterations: number; note: string }>;
}

/**
 * `databaseUrl`: the same corpus on PostgreSQL (the SQLite copy then only gives the URLs). Each
 * run draws its URLs from a generator of its own, seeded alike, so both engines get the same ones.
 */
async function inProcess(corpusPath: string, articles: number, databaseUrl?: string): Promise<InProcess> {
  const rng = new Rng(SEED + articles);
  const copy = join(runDir, `inprocess-${articles}.sqlite`);
  copyFileSync(corpusPath, copy, constants.COPYFILE_FICLONE);
  const scenarios = scenariosFor(copy, rng, SAMPLE);
  const { buildApp } = await import('../src/app.js');
  const t0 = performance.now();
  // The response cache would answer every repeated URL from memory; these timings measure the
  // queries themselves, so it is off here (the server under load keeps it on).
  const app = await buildApp({ databasePath: databaseUrl ? ':memory:' : copy, databaseUrl, logger: false, responseCacheBytes: 0 });
  const engine = databaseUrl ? 'postgres' : 'sqlite';
  await app.ready();
  const startMs = performance.now() - t0;
  const out = {} as InProcess['scenarios'];
  try {
    for (const s of scenarios) {
      const times: number[] = [];
      const began = performance.now();
      // 50 warm-up requests, then the measured ones (fewer only when a slow scenario hits the time cap).
      for (let i = 0; i < INJECT_ITERATIONS + 50 && (i < 100 || performance.now() - began < INJECT_MAX_MS); i++) {
        const url = rng.pick(s.urls);
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url });
        const ms = performance.now() - t;
        if (res.statusCode !== 200) throw new Error(`in-process ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
        if (i >= 50) times.push(ms); // the first 50 warm up
      }
      times.sort((a, b) => a - b);
      out[s.key] = {
        p50: r3(quantile(times, 0.5)),
        p99: r3(quantile(times, 0.99)),
        mean: r3(times.reduce((a, b) => a + b, 0) / times.length),
        iterations: times.length,
        note: times.length < INJECT_ITERATIONS ? `${s.note}; stopped after ${times.length} requests by --inject-max-seconds` : s.note,
      };
      console.log(`  in-process ${engine} ${articles}: ${LABELS[s.key].padEnd(34)} p50 ${out[s.key].p50.toFixed(2)} ms, p99 ${out[s.key].p99.toFixed(2)} ms`);
    }
  } finally {
    await app.close();
    rmSync(copy, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
  return { articles, engine, startMs: r1(startMs), scenarios: out };
}

// ---------------------------------------------------------------------------------------------
// Load runs.

interface Run {
  /** Share of the real server's database file in the page cache when the run began (fincore). */
  cachedPct?: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
}

async function load(port: number, urls: string[], rng: Rng, duration: number): Promise<Run> {
  const result: Result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    pipelining: 1,
    timeout: 30,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: rng.pick(urls) }) }],
  });
  return {
    rps: r1(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    requests: result.requests.total,
  };
}

/**
 * Waits until a server answers /health quickly again: a slow scenario leaves requests queued
 * behind the event loop after autocannon stops, which would otherwise slow the next run.
 */
async function drain(port: number, path = '/health', maxMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const t = performance.now();
    try {
      await (await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(maxMs) })).arrayBuffer();
    } catch {
      // keep waiting
    }
    quick = performance.now() - t < 50 ? quick + 1 : 0;
  }
}

/** Fetches each URL once from the real server, keeping the exact bytes and the caching headers. */
async function fetchAll(base: string, urls: string[], concurrency = 8) {
  const out: Array<{ url: string; body: string; headers: Record<string, string> }> = [];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const res = await fetch(base + url);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 500)}`);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'etag', 'cache-control']) {
        const value = res.headers.get(name);
        if (value) headers[name] = value;
      }
      out.push({ url, body, headers });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The report.

const fmtSpread = (s: { median: number; min: number; max: number }, digits = 0) =>
  s.min === s.max ? s.median.toFixed(digits) : `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;
const verdict = (ok: boolean | null) => (ok === null ? '  -' : ok ? ' ok' : ' MISS');

const hasFincore = spawnSync('fincore', ['--version']).status === 0;

/** How much of a file is in the page cache, in per cent (null without util-linux fincore). */
function cachedPct(path: string): number | null {
  if (!hasFincore) return null;
  const res = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES,SIZE', path], { encoding: 'utf8' });
  const [resident, size] = res.stdout.trim().split(/\s+/).map(Number);
  return res.status === 0 && size ? r1((100 * resident!) / size) : null;
}

/** DAMON "pageout" evicts cold pages, the page cache included: a large corpus then reads from disk. */
function damonPageout(): boolean {
  try {
    const root = '/sys/kernel/mm/damon/admin/kdamonds';
    for (const k of readdirSync(root).filter((d) => /^\d+$/.test(d))) {
      if (readFileSync(join(root, k, 'state'), 'utf8').trim() !== 'on') continue;
      for (const c of readdirSync(join(root, k, 'contexts')).filter((d) => /^\d+$/.test(d))) {
        const schemes = join(root, k, 'contexts', c, 'schemes');
        for (const sch of readdirSync(schemes).filter((d) => /^\d+$/.test(d))) {
          if (readFileSync(join(schemes, sch, 'action'), 'utf8').trim() === 'pageout') return true;
        }
      }
    }
  } catch {
    // no DAMON, or not readable
  }
  return false;
}

function gitCommit(): string {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'db', 'migrations'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
  return rev ? `${rev}${dirty ? ' + uncommitted changes in src/db/migrations' : ''}` : 'unknown';
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  const commit = gitCommit(); // what `npm run build` below compiles
  const loadAtStart = os.loadavg()[0]!;
  mkdirSync(runDir, { recursive: true });
  const rng = new Rng(SEED);
  console.log(
    `bench: ${ARTICLES} articles, ${DURATION} s x ${CONNECTIONS} connections x ${REPEATS} repeat(s); ` +
      `${os.cpus().length} cores${PIN ? `, servers pinned to cpu ${lastCpu}` : ''}; ${WORKERS} process(es) per server; node ${process.version}`,
  );

  // 1. Corpora.
  const corpus = await ensureCorpus(ARTICLES);
  const small = args['in-process'] === true && ARTICLES !== IN_PROCESS_SMALL ? await ensureCorpus(IN_PROCESS_SMALL) : null;

  // 2. The build the real server runs.
  if (args.build === true) {
    console.log('npm run build');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }

  // 3. With --engine postgres: the same corpus on PostgreSQL (the in-process timings use it too).
  if (WITH_POSTGRES) {
    console.log(`postgres: loading the ${ARTICLES}-article corpus through writeArticles`);
    pgCorpus = await loadPostgresCorpus({ articles: ARTICLES, seed: SEED, log: console.log });
    console.log(`postgres: ${pgCorpus.name} loaded in ${pgCorpus.seconds.toFixed(1)} s (${pgCorpus.rate.toFixed(0)} articles/s)`);
  }

  // 3b. In-process timings (before any server runs, so nothing competes for the cores).
  const inProcessResults: InProcess[] = [];
  let pgInProcess: InProcess | undefined;
  if (args['in-process'] === true) {
    console.log('in-process timings (buildApp + app.inject)');
    if (small) inProcessResults.push(await inProcess(small.path, IN_PROCESS_SMALL));
    inProcessResults.push(await inProcess(corpus.path, ARTICLES));
    if (pgCorpus) pgInProcess = await inProcess(corpus.path, ARTICLES, pgCorpus.url);
  }

  // 4. The real server on a copy of the corpus.
  const dbCopy = join(runDir, 'corpus.sqlite');
  copyFileSync(corpus.path, dbCopy, constants.COPYFILE_FICLONE);
  const scenarios = scenariosFor(dbCopy, rng, SAMPLE);
  const realPort = await freePort();
  const spawnedAt = performance.now();
  const real = spawnServer('real server', process.execPath, ['dist/src/server.js'], {
    ...NO_BUDGETS,
    DATABASE_PATH: dbCopy,
    LOG_LEVEL: 'warn',
    PORT: String(realPort),
    HOST: '127.0.0.1',
  });
  await waitFor200(`http://127.0.0.1:${realPort}/health`, real);
  const healthMs = performance.now() - spawnedAt;
  const realRss = new RssSampler(real.pid!);
  const idleRssMb = realRss.sample() ?? NaN;
  realRss.start();
  console.log(`real server: first /health 200 after ${healthMs.toFixed(0)} ms, RSS ${idleRssMb.toFixed(0)} MB`);

  // 5. The ceiling: the same bytes, pre-serialized.
  const realBase = `http://127.0.0.1:${realPort}`;
  const stored = await fetchAll(realBase, [...new Set(scenarios.flatMap((s) => s.sampled))]);
  const ceilingFile = join(runDir, 'ceiling.json');
  writeFileSync(ceilingFile, JSON.stringify(stored));
  const ceilingPort = await freePort();
  const ceiling = spawnServer('ceiling', process.execPath, ['--import', 'tsx', join(benchDir, 'ceiling-server.ts'), ceilingFile, String(ceilingPort)], {
    CEILING_WORKERS: String(WORKERS),
  });
  const probe = stored[0]!;
  await waitFor200(`http://127.0.0.1:${ceilingPort}${probe.url}`, ceiling);
  for (const s of stored.slice(0, 20)) {
    const body = await (await fetch(`http://127.0.0.1:${ceilingPort}${s.url}`)).text();
    if (body !== s.body) throw new Error(`ceiling answers ${s.url} differently from the real server`);
  }
  console.log(`ceiling: ${stored.length} responses, ${(stored.reduce((n, s) => n + s.body.length, 0) / 1048576).toFixed(1)} MB`);

  // 5b. With --engine postgres: the same corpus on PostgreSQL, and the real server on it.
  let pgInfo: { port: number; healthMs: number; sameBytes: number; compared: number; rss: RssSampler } | null = null;
  if (pgCorpus) {
    const port = await freePort();
    const t0 = performance.now();
    const server = spawnServer('postgres server', process.execPath, ['dist/src/server.js'], {
      ...NO_BUDGETS,
      DATABASE_URL: pgCorpus.url,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitFor200(`http://127.0.0.1:${port}/health`, server);
    const healthMs = performance.now() - t0;
    // The same data: the answers are the same bytes as SQLite's (search ranks differ: ts_rank, not bm25).
    const nonSearch = stored.filter((s) => !s.url.startsWith('/v1/search'));
    const pgAnswers = await fetchAll(`http://127.0.0.1:${port}`, nonSearch.map((s) => s.url));
    const byUrl = new Map(pgAnswers.map((a) => [a.url, a.body]));
    const sameBytes = nonSearch.filter((s) => byUrl.get(s.url) === s.body).length;
    const rss = new RssSampler(server.pid!);
    rss.start();
    pgInfo = { port, healthMs, sameBytes, compared: nonSearch.length, rss };
    console.log(`postgres server: first /health 200 after ${healthMs.toFixed(0)} ms; ${sameBytes} of ${nonSearch.length} non-search answers byte-identical to SQLite's`);
  }

  // 5c. With --baseline DIR: another build on its own copy of the corpus, in the same rotation.
  let baseInfo: { port: number; healthMs: number } | null = null;
  if (BASELINE) {
    // --baseline-corpus: the same corpus as that build's migrations leave it (without this build's
    // newer ones), so the baseline does not run on this build's indexes.
    const copy = join(runDir, 'baseline.sqlite');
    copyFileSync(args['baseline-corpus'] ? String(args['baseline-corpus']) : corpus.path, copy, constants.COPYFILE_FICLONE);
    const port = await freePort();
    const t0 = performance.now();
    const server = spawnServer('baseline server', process.execPath, [join(BASELINE, 'dist/src/server.js')], {
      ...NO_BUDGETS,
      DATABASE_PATH: copy,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
    }, BASELINE);
    await waitFor200(`http://127.0.0.1:${port}/health`, server);
    baseInfo = { port, healthMs: performance.now() - t0 };
    console.log(`baseline server (${BASELINE}): first /health 200 after ${baseInfo.healthMs.toFixed(0)} ms`);
  }

  // 6. json-server 1.0 with the same article JSON (a subset when the corpus is large).
  let jsonServerInfo: { port: number; articles: number; dbJsonMb: number; urls: string[]; rss: RssSampler } | null = null;
  if (args['json-server'] === true) {
    const article = scenarios.find((s) => s.key === 'article')!;
    const subsetUrls = rng.sample(article.urls, JSON_SERVER_ARTICLES);
    const fetched = await fetchAll(realBase, subsetUrls, 8);
    const dbJson = join(runDir, 'db.json');
    const text = `{"articles":[${fetched.map((f) => f.body).join(',')}]}`;
    writeFileSync(dbJson, text);
    mkdirSync(join(runDir, 'public'), { recursive: true }); // json-server's static folder (cwd)
    const port = await freePort();
    const js = spawnServer(
      'json-server',
      process.execPath,
      [join(projectRoot, 'node_modules', 'json-server', 'lib', 'bin.js'), '--port', String(port), '--host', '127.0.0.1', dbJson],
      { NODE_ENV: 'production' },
      runDir,
    );
    const ids = fetched.map((f) => (JSON.parse(f.body) as { id: string }).id);
    const urls = ids.map((id) => `/articles/${id}`);
    await waitFor200(`http://127.0.0.1:${port}${urls[0]}`, js);
    const same: unknown = await (await fetch(`http://127.0.0.1:${port}${urls[0]}`)).json();
    if (!isDeepStrictEqual(same, JSON.parse(fetched[0]!.body))) throw new Error('json-server answers a different article JSON');
    const rss = new RssSampler(js.pid!);
    rss.start();
    jsonServerInfo = { port, articles: ids.length, dbJsonMb: r1(text.length / 1048576), urls, rss };
    const note = ids.length < ARTICLES ? ` (a subset of ${ARTICLES}: the whole set would be ~${Math.round((text.length / ids.length) * ARTICLES / 1048576)} MB of JSON in json-server's memory)` : '';
    console.log(`json-server: ${ids.length} articles, db.json ${jsonServerInfo.dbJsonMb} MB${note}`);
  }

  // 7. Load: per repeat, per scenario, real and ceiling in alternating order. autocannon (this
  //    process) keeps the cores the servers are not pinned to.
  if (PIN) spawnSync('taskset', ['-a', '-p', '-c', `0-${lastCpu - 1}`, String(process.pid)], { stdio: 'ignore' });
  type Target = 'real' | 'ceiling' | 'postgres' | 'baseline';
  const runs: Record<ScenarioKey, { real: Run[]; ceiling: Run[]; ratios: number[]; postgres: Run[]; pgRatios: number[]; baseline: Run[]; baseRatios: number[] }> =
    Object.fromEntries(scenarios.map((s) => [s.key, { real: [], ceiling: [], ratios: [], postgres: [], pgRatios: [], baseline: [], baseRatios: [] }])) as never;
  const jsonRuns: Run[] = [];
  let rssUnderLoad = 0;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const [k, s] of scenarios.entries()) {
      const targets: Target[] = ['real', 'ceiling', ...(pgInfo ? ['postgres' as const] : []), ...(baseInfo ? ['baseline' as const] : [])];
      const shift = (repeat + k) % targets.length; // each target goes first in turn
      const order = [...targets.slice(shift), ...targets.slice(0, shift)];
      const result = {} as Record<Target, Run>;
      for (const target of order) {
        const port = target === 'real' ? realPort : target === 'postgres' ? pgInfo!.port : target === 'baseline' ? baseInfo!.port : ceilingPort;
        const urls = target === 'ceiling' ? s.sampled : s.urls;
        const settle = () => (target !== 'ceiling' ? drain(port) : Promise.resolve());
        if (WARMUP > 0) await load(port, urls, rng, WARMUP).then(settle);
        const cached = target === 'real' ? cachedPct(dbCopy) : null;
        result[target] = { ...(cached !== null ? { cachedPct: cached } : {}), ...(await load(port, urls, rng, DURATION)) };
        await settle();
        if (target === 'real') rssUnderLoad = Math.max(rssUnderLoad, realRss.max);
        const r = result[target];
        console.log(
          `  [${repeat + 1}/${REPEATS}] ${pad(LABELS[s.key], 34)} ${pad(target, 8)} ${lpad(r.rps.toFixed(0), 7)} req/s  p50 ${lpad(r.p50.toFixed(1), 6)} ms  p99 ${lpad(r.p99.toFixed(1), 6)} ms` +
            (r.cachedPct !== undefined ? `  (database ${r.cachedPct}% in page cache)` : '') +
            (r.errors || r.non2xx || r.timeouts ? `  (errors ${r.errors}, non-2xx ${r.non2xx}, timeouts ${r.timeouts})` : ''),
        );
      }
      runs[s.key].real.push(result.real);
      runs[s.key].ceiling.push(result.ceiling);
      runs[s.key].ratios.push(result.real.rps / result.ceiling.rps);
      if (result.postgres) {
        runs[s.key].postgres.push(result.postgres);
        runs[s.key].pgRatios.push(result.postgres.rps / result.ceiling.rps);
      }
      if (result.baseline) {
        runs[s.key].baseline.push(result.baseline);
        runs[s.key].baseRatios.push(result.baseline.rps / result.ceiling.rps);
      }
    }
    if (jsonServerInfo) {
      if (WARMUP > 0) await load(jsonServerInfo.port, jsonServerInfo.urls, rng, WARMUP);
      const r = await load(jsonServerInfo.port, jsonServerInfo.urls, rng, DURATION);
      jsonRuns.push(r);
      console.log(`  [${repeat + 1}/${REPEATS}] ${pad(LABELS.article, 34)} ${pad('json-srv', 8)} ${lpad(r.rps.toFixed(0), 7)} req/s  p50 ${lpad(r.p50.toFixed(1), 6)} ms  p99 ${lpad(r.p99.toFixed(1), 6)} ms`);
    }
  }
  realRss.stop();
  jsonServerInfo?.rss.stop();
  pgInfo?.rss.stop();
  const maxRss = realRss.max;

  // 8. Report.
  const corpusRate = corpus.report.rate;
  const summary = scenarios.map((s) => {
    const r = runs[s.key];
    const ratio = spread(r.ratios);
    const inProcessBig = inProcessResults.find((p) => p.articles === ARTICLES)?.scenarios[s.key];
    const isSearch = s.key === 'searchCommon' || s.key === 'searchRare';
    const ratioOk = ratio.median >= TARGETS.ratio[s.key];
    const inProcessOk = isSearch && inProcessBig ? inProcessBig.p99 <= TARGETS.searchInProcessP99Ms : null;
    return {
      scenario: s.key,
      label: LABELS[s.key],
      note: s.note,
      real: { rps: spread(r.real.map((x) => x.rps)), p50: spread(r.real.map((x) => x.p50)), p99: spread(r.real.map((x) => x.p99)), runs: r.real },
      ceiling: { rps: spread(r.ceiling.map((x) => x.rps)), p50: spread(r.ceiling.map((x) => x.p50)), p99: spread(r.ceiling.map((x) => x.p99)), runs: r.ceiling },
      ratio: { median: r3(ratio.median), min: r3(ratio.min), max: r3(ratio.max) },
      /** The real server's p99 over the ceiling's, per repeat (target: at most 3). */
      p99OfCeiling: (({ median: m, min, max }) => ({ median: r2(m), min: r2(min), max: r2(max) }))(spread(r.real.map((x, i) => x.p99 / Math.max(1, r.ceiling[i]!.p99)))),
      ...(baseInfo
        ? {
            baseline: {
              dir: BASELINE,
              rps: spread(r.baseline.map((x) => x.rps)),
              p50: spread(r.baseline.map((x) => x.p50)),
              p99: spread(r.baseline.map((x) => x.p99)),
              runs: r.baseline,
              ratio: (({ median: m, min, max }) => ({ median: r3(m), min: r3(min), max: r3(max) }))(spread(r.baseRatios)),
            },
          }
        : {}),
      target: { ratio: TARGETS.ratio[s.key], ...(isSearch ? { inProcessP99Ms: TARGETS.searchInProcessP99Ms } : {}) },
      ok: ratioOk && inProcessOk !== false,
      ...(pgInfo
        ? {
            postgres: {
              rps: spread(r.postgres.map((x) => x.rps)),
              p50: spread(r.postgres.map((x) => x.p50)),
              p99: spread(r.postgres.map((x) => x.p99)),
              runs: r.postgres,
              ratio: (({ median: m, min, max }) => ({ median: r3(m), min: r3(min), max: r3(max) }))(spread(r.pgRatios)),
              /** PostgreSQL's req/s as a share of SQLite's, per repeat. */
              ofSqlite: (({ median: m, min, max }) => ({ median: r3(m), min: r3(min), max: r3(max) }))(
                spread(r.postgres.map((x, i) => x.rps / r.real[i]!.rps)),
              ),
            },
          }
        : {}),
    };
  });
  const jsonServer = jsonServerInfo
    ? {
        articles: jsonServerInfo.articles,
        ofArticles: ARTICLES,
        dbJsonMb: jsonServerInfo.dbJsonMb,
        maxRssMb: r1(jsonServerInfo.rss.max),
        rps: spread(jsonRuns.map((x) => x.rps)),
        p50: spread(jsonRuns.map((x) => x.p50)),
        p99: spread(jsonRuns.map((x) => x.p99)),
        runs: jsonRuns,
      }
    : null;

  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  out();
  out(`Editorial Data API benchmark — ${ARTICLES.toLocaleString('en-US')} articles, ${DURATION} s x ${CONNECTIONS} connections, ${REPEATS} repeat(s), median (min-max) over repeats`);
  const loadAtEnd = os.loadavg()[0]!;
  out(`commit ${commit}; node ${process.version}; ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}${PIN ? `; servers pinned to cpu ${lastCpu}, autocannon on the rest` : ''}; ${WORKERS} process(es) per server (real and ceiling)`);
  out();
  out(`${pad('scenario', 34)} ${pad('server', 11)} ${lpad('req/s', 20)} ${lpad('p50 ms', 16)} ${lpad('p99 ms', 18)} ${lpad('real/ceiling', 20)} ${lpad('target', 8)} ok`);
  for (const s of summary) {
    out(
      `${pad(s.label, 34)} ${pad('real', 11)} ${lpad(fmtSpread(s.real.rps), 20)} ${lpad(fmtSpread(s.real.p50, 1), 16)} ${lpad(fmtSpread(s.real.p99, 1), 18)} ` +
        `${lpad(s.ratio.min === s.ratio.max ? s.ratio.median.toFixed(2) : `${s.ratio.median.toFixed(2)} (${s.ratio.min.toFixed(2)}-${s.ratio.max.toFixed(2)})`, 20)} ${lpad(`>= ${s.target.ratio}`, 8)}${verdict(s.ratio.median >= s.target.ratio)}`,
    );
    out(`${pad('', 34)} ${pad('ceiling', 11)} ${lpad(fmtSpread(s.ceiling.rps), 20)} ${lpad(fmtSpread(s.ceiling.p50, 1), 16)} ${lpad(fmtSpread(s.ceiling.p99, 1), 18)}`);
    if (s.postgres) {
      const p = s.postgres;
      out(
        `${pad('', 34)} ${pad('postgres', 11)} ${lpad(fmtSpread(p.rps), 20)} ${lpad(fmtSpread(p.p50, 1), 16)} ${lpad(fmtSpread(p.p99, 1), 18)} ` +
          `${lpad(p.ratio.median.toFixed(2), 20)}   (${p.ofSqlite.median.toFixed(2)} x SQLite's req/s)`,
      );
    }
    if (s.baseline) {
      const b = s.baseline;
      out(
        `${pad('', 34)} ${pad('baseline', 11)} ${lpad(fmtSpread(b.rps), 20)} ${lpad(fmtSpread(b.p50, 1), 16)} ${lpad(fmtSpread(b.p99, 1), 18)} ` +
          `${lpad(b.ratio.min === b.ratio.max ? b.ratio.median.toFixed(2) : `${b.ratio.median.toFixed(2)} (${b.ratio.min.toFixed(2)}-${b.ratio.max.toFixed(2)})`, 20)}`,
      );
    }
    out(`${pad('', 34)} ${pad('real p99 / ceiling p99', 24)} ${lpad(s.p99OfCeiling.median.toFixed(1), 7)}   target <= 3${verdict(s.p99OfCeiling.median <= 3)}`);
    if (s.scenario === 'article' && jsonServer) {
      const ratio = spread(jsonRuns.map((x, i) => x.rps / (runs.article.ceiling[i]?.rps ?? NaN)));
      out(
        `${pad('', 34)} ${pad('json-server', 11)} ${lpad(fmtSpread(jsonServer.rps), 20)} ${lpad(fmtSpread(jsonServer.p50, 1), 16)} ${lpad(fmtSpread(jsonServer.p99, 1), 18)} ${lpad(ratio.median.toFixed(2), 20)}`,
      );
    }
  }
  out('(json-server row: its req/s over the ceiling\'s; latencies have 1 ms resolution in autocannon)');
  if (pgInfo && pgCorpus) {
    out(
      `(postgres rows: the real server on PostgreSQL ${pgCorpus.serverVersion}, database ${pgCorpus.name} on the same machine, the same corpus loaded through writeArticles in ` +
        `${pgCorpus.seconds.toFixed(1)} s; first /health after ${pgInfo.healthMs.toFixed(0)} ms; ${pgInfo.sameBytes} of ${pgInfo.compared} non-search answers byte-identical to SQLite's; ` +
        `search ranks with ts_rank, not bm25; max RSS ${pgInfo.rss.max.toFixed(0)} MB)`,
    );
  }
  for (const s of scenarios) out(`  ${pad(LABELS[s.key], 32)} ${s.urls.length === 1 ? s.urls[0] : `${s.urls.length} URLs like ${s.urls[0]}`}; ${s.note}`);
  if (jsonServer) {
    out(`  ${pad('json-server', 32)} GET /articles/:id over ${jsonServer.articles} articles (db.json ${jsonServer.dbJsonMb} MB), the real server's JSON for include=body,actors,recommendations,quotations`);
  }
  out();
  if (inProcessResults.length) {
    const sizes = inProcessResults.map((p) => p.articles);
    out(`in-process (buildApp + app.inject on a copy of each corpus, response cache off, ${INJECT_ITERATIONS} requests per scenario after 50 warm-up ones), ms`);
    out(`${pad('scenario', 34)} ${sizes.map((n) => `${lpad(`${n / 1000}k p50`, 10)} ${lpad(`${n / 1000}k p99`, 10)}`).join(' ')} ${lpad('target', 12)}`);
    for (const s of scenarios) {
      const isSearch = s.key === 'searchCommon' || s.key === 'searchRare';
      const cells = inProcessResults.map((p) => `${lpad(p.scenarios[s.key].p50.toFixed(2), 10)} ${lpad(p.scenarios[s.key].p99.toFixed(2), 10)}`).join(' ');
      const big = inProcessResults.at(-1)!.scenarios[s.key];
      out(`${pad(LABELS[s.key], 34)} ${cells} ${lpad(isSearch ? `p99 <= ${TARGETS.searchInProcessP99Ms}` : '', 12)}${isSearch ? verdict(big.p99 <= TARGETS.searchInProcessP99Ms) : ''}`);
    }
    out(`${pad('buildApp ready', 34)} ${inProcessResults.map((p) => `${lpad(p.startMs.toFixed(0), 10)} ${lpad('', 10)}`).join(' ')}`);
    if (pgInProcess) {
      const sqlite = inProcessResults.at(-1)!;
      out(`on PostgreSQL, ${ARTICLES / 1000}k, ms: p50, p99, and p99 over SQLite's p99 (target <= ${TARGETS.pgInProcessP99}; search ranks differently)`);
      for (const s of scenarios) {
        const pg = pgInProcess.scenarios[s.key];
        const ratio = pg.p99 / sqlite.scenarios[s.key].p99;
        const isSearch = s.key === 'searchCommon' || s.key === 'searchRare';
        out(`${pad(LABELS[s.key], 34)} ${lpad(pg.p50.toFixed(2), 10)} ${lpad(pg.p99.toFixed(2), 10)} ${lpad(`${ratio.toFixed(2)}x`, 10)}${isSearch ? '' : verdict(ratio <= TARGETS.pgInProcessP99)}`);
      }
    }
    for (const p of inProcessResults) {
      for (const [key, v] of Object.entries(p.scenarios)) {
        if (v.iterations < INJECT_ITERATIONS) out(`  ${p.articles}: ${LABELS[key as ScenarioKey]} measured over ${v.iterations} requests only (--inject-max-seconds)`);
      }
    }
    out();
  }
  out(`${pad('real server /health after start', 40)} ${lpad(`${healthMs.toFixed(0)} ms`, 12)}   target <= ${TARGETS.healthMs} ms${verdict(healthMs <= TARGETS.healthMs)}`);
  out(`${pad('real server RSS, max under load', 40)} ${lpad(`${maxRss.toFixed(0)} MB`, 12)}   target <= ${TARGETS.rssMb} MB${verdict(maxRss <= TARGETS.rssMb)}   (idle after start ${idleRssMb.toFixed(0)} MB, ${realRss.samples} samples)`);
  out(`${pad(`corpus build (${ARTICLES} articles)`, 40)} ${lpad(`${corpusRate.toFixed(0)}/s`, 12)}   target >= ${TARGETS.corpusRate}/s${verdict(corpusRate >= TARGETS.corpusRate)}   (${corpus.builtNow ? 'built in this run' : `built ${corpus.report.finishedAt}`}, ${corpus.report.seconds} s)`);
  if (small) out(`${pad(`corpus build (${IN_PROCESS_SMALL} articles)`, 40)} ${lpad(`${small.report.rate.toFixed(0)}/s`, 12)}   target >= ${TARGETS.corpusRate}/s${verdict(small.report.rate >= TARGETS.corpusRate)}`);
  if (jsonServer && jsonServer.articles < ARTICLES) {
    out(`json-server serves a subset: ${jsonServer.articles} of the ${ARTICLES} articles (it holds all of db.json in memory and finds an id by a linear scan; max RSS ${jsonServer.maxRssMb} MB)`);
  }
  const cachedRange = summary.flatMap((s) => s.real.runs.map((r) => r.cachedPct)).filter((x): x is number => x !== undefined);
  if (cachedRange.length) {
    out(
      `the real server's database (${(corpus.report.sizeBytes / 2 ** 30).toFixed(2)} GiB) was ${Math.min(...cachedRange)}-${Math.max(...cachedRange)}% in the page cache at the start of its runs` +
        ' (random article reads beyond that go to the disk)',
    );
  }
  if (damonPageout()) {
    out(
      `NOTE: DAMON 'pageout' is active on this machine: it evicts cold pages, page cache included, so the ` +
        `${(corpus.report.sizeBytes / 2 ** 30).toFixed(1)} GiB corpus may not stay cached and random reads can hit the disk`,
    );
  }
  if (loadAtStart > 0.5) {
    out(`WARNING: the 1-minute load average was ${loadAtStart.toFixed(2)} before the suite started (${loadAtEnd.toFixed(2)} at the end): other work on this machine competes with the servers and autocannon, so treat req/s and ratios with care`);
  }
  const problems = summary.flatMap((s) => [...s.real.runs, ...s.ceiling.runs].filter((r) => r.errors || r.non2xx || r.timeouts).map(() => s.label));
  if (problems.length) out(`WARNING: errors, timeouts or non-2xx answers in: ${[...new Set(problems)].join(', ')}`);
  console.log(lines.join('\n'));

  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit,
    environment: { damonPageout: damonPageout(), loadAverage: { start: r2(loadAtStart), end: r2(loadAtEnd) }, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryGb: r1(os.totalmem() / 2 ** 30), pinned: PIN },
    options: { articles: ARTICLES, workers: WORKERS, duration: DURATION, connections: CONNECTIONS, repeats: REPEATS, warmup: WARMUP, seed: SEED, injectIterations: INJECT_ITERATIONS, sample: SAMPLE },
    targets: TARGETS,
    corpus: corpus.report,
    corpusSmall: small?.report ?? null,
    startup: { healthMs: r1(healthMs), ok: healthMs <= TARGETS.healthMs },
    rss: { maxMb: r1(maxRss), idleMb: r1(idleRssMb), underLoadMaxMb: r1(rssUnderLoad), samples: realRss.samples, ok: maxRss <= TARGETS.rssMb },
    scenarios: summary,
    jsonServer,
    postgres: pgInfo && pgCorpus
      ? { database: pgCorpus.name, serverVersion: pgCorpus.serverVersion, loadSeconds: r1(pgCorpus.seconds), loadRate: r1(pgCorpus.rate), healthMs: r1(pgInfo.healthMs), sameBytes: pgInfo.sameBytes, compared: pgInfo.compared, maxRssMb: r1(pgInfo.rss.max) }
      : null,
    inProcess: inProcessResults,
    postgresInProcess: pgInProcess ?? null,
    table: lines.join('\n'),
  };
  writeResult('bench', startedAt, json);
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  exitCode = 1;
} finally {
  await stopAll();
  await pgCorpus?.drop().catch((err: unknown) => console.error(`could not drop ${pgCorpus?.name}: ${String(err)}`));
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
