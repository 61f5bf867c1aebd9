// Where a request's time goes: the compiled server under load with `node --cpu-prof`, one server
// (and one profile) per scenario, and the profile's samples put in buckets by the code they were
// in. Usage (after `npm run build`; the corpus comes from `npm run bench:corpus`):
//
//   npm run bench:profile -- --articles 5000 --duration 8 [--scenarios article,list]
//
// For each scenario: a fresh copy of the corpus, the server with rate limits off, a warm-up of
// --warmup seconds, then --duration seconds of autocannon over the scenario's URLs while the
// profiler samples; SIGTERM, then the .cpuprofile is read. Each sample is charged to the innermost
// frame that a bucket claims (so the sha256 of an ETag counts as "ETag hash", not as native code).
// Prints per scenario the share of the busy time and the microseconds per request of each bucket,
// and writes bench/results/profile-<timestamp>.json (the .cpuprofile files stay in bench/data).
import { spawn } from 'node:child_process';
import { constants, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchDir, defaultCorpusPath, parseArgs, positiveInt, projectRoot, Rng } from './corpus.js';
import { freePort, keepOutput, lpad, pad, r1, stop, waitFor200, writeResult } from './processes.js';
import { LABELS, scenariosFor, type ScenarioKey } from './scenarios.js';

const args = parseArgs(process.argv.slice(2), {
  articles: '5000',
  duration: '8',
  warmup: '3',
  connections: '50',
  seed: '42',
  scenarios: 'article,list,addressee,searchCommon,repeated',
  from: '',
  server: '',
  corpus: '',
});
/** The build to profile: a directory with dist/src/server.js (another commit's, say); this one by default. */
const SERVER_DIR = args.server ? String(args.server) : projectRoot;
const ARTICLES = positiveInt(args.articles!, 'articles');
const DURATION = positiveInt(args.duration!, 'duration');
const WARMUP = Number(args.warmup);
const CONNECTIONS = positiveInt(args.connections!, 'connections');
const WANTED = String(args.scenarios).split(',') as ScenarioKey[];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  /** Microseconds on the monotonic clock process.hrtime reads (the same in every process). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Buckets, tried innermost frame first; the first rule that claims a frame takes the sample. */
const BUCKETS: Array<[bucket: string, claims: (fn: string, url: string) => boolean]> = [
  ['idle', (fn) => fn === '(idle)'],
  ['GC', (fn) => fn === '(garbage collector)'],
  ['data version check', (fn, url) => fn === 'dataVersion' && url.includes('/store/')],
  ['ETag hash', (fn) => fn === 'etagOf'],
  ['response cache', (_, url) => url.includes('/plugins/caching')],
  ['database + stored documents', (_, url) => url.includes('/dist/src/store/') || url.includes('better-sqlite3') || url.includes('drizzle-orm')],
  ['search snippets + query', (_, url) => url.includes('/dist/src/shared/snippet') || url.includes('/dist/src/shared/search')],
  ['CORS + security headers', (_, url) => url.includes('@fastify/cors') || url.includes('helmet') || url.includes('/plugins/browsers')],
  ['limits (rate, shedding, URL cap)', (_, url) => url.includes('rate-limit') || url.includes('under-pressure') || url.includes('/plugins/limits')],
  ['handlers + other plugins', (_, url) => url.includes('/dist/src/')],
  ['validation (ajv)', (_, url) => url.includes('/ajv') || url.includes('fastify/lib/validation')],
  ['response serialization', (_, url) => url.includes('fast-json-stringify')],
  ['routing + fastify request/reply', (_, url) => url.includes('find-my-way') || url.includes('/fastify/') || url.includes('avvio') || url.includes('light-my-request')],
  ['socket write + HTTP parsing', (_, url) => /^node:(net|_http|internal\/(streams|stream_base|http|net))/.test(url)],
];

/** The monotonic clock in microseconds, as the profile's timestamps count it. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Microseconds per bucket of the samples taken within [from, to] (the measured load only). */
function breakdown(profile: CpuProfile, from = -Infinity, to = Infinity): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = bucketOf.get(id);
    if (known) return known;
    let bucket = 'other';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      if (functionName === '(root)' || (functionName === '(program)' && at === id)) {
        bucket = functionName === '(program)' ? 'program (V8, native)' : 'other';
        break;
      }
      if (!url && !functionName.startsWith('(')) continue; // native: charge a caller that has a name
      const rule = BUCKETS.find(([, claims]) => claims(functionName, url));
      if (rule) {
        bucket = rule[0];
        break;
      }
    }
    bucketOf.set(id, bucket);
    return bucket;
  };
  const micros = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const bucket = classify(id);
    micros.set(bucket, (micros.get(bucket) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return micros;
}

function report(key: ScenarioKey, micros: Map<string, number>, requests: number, rps: number) {
  const busy = [...micros].filter(([b]) => b !== 'idle').reduce((n, [, us]) => n + us, 0);
  const buckets = Object.fromEntries(
    [...micros]
      .filter(([b]) => b !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([b, us]) => [b, { share: r1((100 * us) / busy), usPerRequest: r1(us / requests) }]),
  );
  console.log(`\n${LABELS[key]}: ${rps} req/s under the profiler, ~${r1(busy / requests)} us of CPU per request`);
  for (const [b, v] of Object.entries(buckets)) console.log(`  ${pad(b, 34)} ${lpad(v.share.toFixed(1), 5)}%  ${lpad(v.usPerRequest.toFixed(1), 7)} us/request`);
  return { requests, rps, busyMs: r1(busy / 1000), buckets };
}

/** --from bench/results/profile-<t>.json: the same breakdown again from the profiles it kept. */
function reanalyze(resultsFile: string) {
  type Saved = { requests: number; rps: number; window?: [number, number] };
  const saved = JSON.parse(readFileSync(resultsFile, 'utf8')) as { profiles: string; results: Record<ScenarioKey, Saved> };
  for (const [key, r] of Object.entries(saved.results) as Array<[ScenarioKey, Saved]>) {
    const dir = join(saved.profiles, key);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    report(key, breakdown(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, ...(r.window ?? [])), r.requests, r.rps);
  }
}

async function main() {
  if (args.from) return reanalyze(String(args.from));
  // --corpus: another file (the same corpus as an older build's migrations leave it, for --server).
  const corpus = args.corpus ? String(args.corpus) : defaultCorpusPath(ARTICLES);
  const runDir = join(benchDir, 'data', `profile-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const rng = new Rng(Number(args.seed));
  const startedAt = new Date();
  const results: Record<string, ReturnType<typeof report> & { window: [number, number] }> = {};
  const scenarios = scenariosFor(corpus, rng, 1).filter((s) => WANTED.includes(s.key));
  for (const s of scenarios) {
    const copy = join(runDir, `${s.key}.sqlite`);
    copyFileSync(corpus, copy, constants.COPYFILE_FICLONE);
    const profDir = join(runDir, s.key);
    const port = await freePort();
    const child = keepOutput(
      spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, 'dist/src/server.js'], {
        cwd: SERVER_DIR,
        env: { ...process.env, DATABASE_PATH: copy, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_READS: '0', RATE_LIMIT_WRITES: '0', RATE_LIMIT_AUTH_FAILURES: '0', MAX_EVENT_LOOP_DELAY_MS: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      s.key,
    );
    try {
      await waitFor200(`http://127.0.0.1:${port}/health`, child);
      const run = (duration: number) =>
        autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: CONNECTIONS,
          duration,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: rng.pick(s.urls) }) }],
        });
      if (WARMUP > 0) await run(WARMUP);
      const from = nowUs();
      const result = await run(DURATION);
      const to = nowUs();
      if (result.non2xx || result.errors) throw new Error(`${s.key}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      await stop(child, 10_000);
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${s.key}: no profile written`);
      // Only the samples of the measured run count (not the start-up, migrations and schema
      // compilation, nor the warm-up); shares are of the busy time in it.
      const micros = breakdown(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile, from, to);
      results[s.key] = { ...report(s.key, micros, result.requests.total, r1(result.requests.total / DURATION)), window: [from, to] };
    } finally {
      await stop(child, 10_000);
      for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
    }
  }
  writeResult('profile', startedAt, { startedAt: startedAt.toISOString(), server: SERVER_DIR, articles: ARTICLES, duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, profiles: runDir, results });
}

await main();
