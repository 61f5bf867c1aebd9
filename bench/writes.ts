// The cost of the change feed and revisions on writes: `npm run bench:writes`.
//
// The same workload (create N articles one write each, as POST does, then replace each R times, as
// PUT does, some of them dropping a recommendation) runs through the real store on a fresh
// database, alternately
//   - "baseline": a database where triggers discard every insert into article_revisions and
//     changes (SQLite RAISE(IGNORE), PostgreSQL a BEFORE INSERT trigger returning NULL), so the
//     history's rows are never stored; the rest of the write path is the same;
//   - "history": the database as the app runs it, every revision and change stored.
// The ratio history/baseline (writes/s) is reported per phase, median over the repeats. The
// baseline still pays the history's reads and its in-process diff (measured alone below), so the
// ratio shows the cost of storing the history; the in-process part is given in µs per write.
//
//   npm run bench:writes -- --articles 300 --replaces 2 --repeats 3 [--engine postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CorpusGenerator, parseArgs, positiveInt } from './corpus.js';
import { BENCH_DATABASE_URL } from './postgres.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { revisionChanges, type RevisionParts } from '../src/store/history.js';
import type { IngestDocument } from '../src/schemas/ingest.js';
import type { Store } from '../src/store/store.js';

const args = parseArgs(process.argv.slice(2), { articles: '300', replaces: '2', repeats: '3', engine: 'sqlite', seed: '42' });
const ARTICLES = positiveInt(args.articles!, 'articles');
const REPLACES = positiveInt(args.replaces!, 'replaces');
const REPEATS = positiveInt(args.repeats!, 'repeats');
const ENGINE = String(args.engine);
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error('--engine is sqlite or postgres');

const generator = new CorpusGenerator(Number(args.seed));
const docs = Array.from({ length: ARTICLES }, (_, i) => generator.article(i));
/** The k-th correction of a document: a new headline, and every other time one recommendation fewer. */
const corrected = (doc: IngestDocument, k: number): IngestDocument => ({
  ...doc,
  headline: `${doc.headline} (corrected ${k})`,
  recommendations: k % 2 && doc.recommendations.length > 1 ? doc.recommendations.slice(1) : doc.recommendations,
});

interface Opened {
  store: Store;
  size: () => Promise<number>;
  close: () => Promise<void>;
}

async function openSqlite(discardHistory: boolean): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'eda-bench-writes-'));
  const { store } = openSqliteStore(join(dir, 'bench.sqlite'));
  if (discardHistory) {
    store.sqlite.exec(`CREATE TRIGGER bench_no_revisions BEFORE INSERT ON article_revisions BEGIN SELECT RAISE(IGNORE); END;
                       CREATE TRIGGER bench_no_changes BEFORE INSERT ON changes BEGIN SELECT RAISE(IGNORE); END;`);
  }
  return {
    store,
    size: async () =>
      store.sqlite.prepare('SELECT coalesce(sum(length(summary) + length(body) + length(actors) + length(recommendations) + length(quotations) + length(changes)), 0) AS n FROM article_revisions').pluck().get() as number,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(discardHistory: boolean): Promise<Opened> {
  if (!BENCH_DATABASE_URL) throw new Error('--engine postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  const name = `eda_bench_writes_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const { store } = await openPostgresStore(url.toString());
  if (discardHistory) {
    await store.connection.pool.query(`CREATE FUNCTION bench_discard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE TRIGGER bench_no_revisions BEFORE INSERT ON article_revisions FOR EACH ROW EXECUTE FUNCTION bench_discard();
      CREATE TRIGGER bench_no_changes BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION bench_discard();`);
  }
  return {
    store,
    size: async () =>
      Number((await store.connection.pool.query<{ n: string }>('SELECT coalesce(sum(octet_length(summary) + octet_length(body) + octet_length(actors) + octet_length(recommendations) + octet_length(quotations) + octet_length(changes)), 0) AS n FROM article_revisions')).rows[0]!.n),
    close: async () => {
      await store.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

interface Run {
  creates: number;
  replaces: number;
  historyBytes: number;
}

async function run(discardHistory: boolean): Promise<Run> {
  const opened = ENGINE === 'sqlite' ? await openSqlite(discardHistory) : await openPostgres(discardHistory);
  try {
    let started = performance.now();
    for (const doc of docs) await opened.store.writeArticle(doc, 'create');
    const creates = docs.length / ((performance.now() - started) / 1000);
    started = performance.now();
    for (let k = 1; k <= REPLACES; k++) for (const doc of docs) await opened.store.writeArticle(corrected(doc, k), 'replace');
    const replaces = (docs.length * REPLACES) / ((performance.now() - started) / 1000);
    return { creates, replaces, historyBytes: await opened.size() };
  } finally {
    await opened.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  console.log(`bench:writes on ${ENGINE}: ${ARTICLES} articles created, then replaced ${REPLACES} times; ${REPEATS} repeats, alternating`);
  const baseline: Run[] = [];
  const history: Run[] = [];
  for (let r = 0; r < REPEATS; r++) {
    // Alternate which goes first, so neither always meets a warmer machine.
    const order = r % 2 ? [true, false] : [false, true];
    for (const discard of order) {
      const result = await run(discard);
      (discard ? baseline : history).push(result);
      console.log(`  repeat ${r + 1} ${discard ? 'baseline' : 'history '}: ${result.creates.toFixed(0)} creates/s, ${result.replaces.toFixed(0)} replaces/s`);
    }
  }

  // The history's in-process part: the diff of a revision against the previous one.
  const dir = mkdtempSync(join(tmpdir(), 'eda-bench-diff-'));
  const { store } = openSqliteStore(join(dir, 'diff.sqlite'));
  let diffMs: number;
  try {
    for (const doc of docs.slice(0, 100)) await store.writeArticle(doc, 'create');
    const read = store.sqlite.prepare<[], RevisionParts>('SELECT a.body, d.actors, d.recommendations, d.quotations FROM articles a JOIN article_documents d ON d.article_id = a.id');
    const parts = read.all();
    const started = performance.now();
    for (let i = 0; i < 20; i++) for (let j = 0; j < parts.length; j++) revisionChanges(parts[j], parts[(j + 1) % parts.length]!);
    diffMs = (performance.now() - started) / (20 * parts.length);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const b = { creates: median(baseline.map((x) => x.creates)), replaces: median(baseline.map((x) => x.replaces)) };
  const h = { creates: median(history.map((x) => x.creates)), replaces: median(history.map((x) => x.replaces)) };
  const writes = ARTICLES * (1 + REPLACES);
  console.log('');
  console.log(`| phase | baseline writes/s | with feed + revisions | ratio |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(`| create (POST) | ${b.creates.toFixed(0)} | ${h.creates.toFixed(0)} | ${(h.creates / b.creates).toFixed(2)} |`);
  console.log(`| replace (PUT) | ${b.replaces.toFixed(0)} | ${h.replaces.toFixed(0)} | ${(h.replaces / b.replaces).toFixed(2)} |`);
  console.log(`in-process diff of a revision: ${(diffMs * 1000).toFixed(0)} µs per write (also paid by the baseline)`);
  console.log(`revisions stored: ${(median(history.map((x) => x.historyBytes)) / writes / 1024).toFixed(1)} KiB per write (${writes} writes)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
