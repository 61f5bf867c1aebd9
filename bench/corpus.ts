// Builds a deterministic corpus of realistic editorials through the real ingest path:
// openDatabase + migrateDatabase, then ingestArticles (the ingest module's batch path) for every
// document. Usage:
//
//   npm run bench:corpus -- --articles 100000 [--out bench/data/corpus-100000.sqlite] [--seed 42]
//
// The same (articles, seed) always gives the same database content. The build rate is printed and
// written to bench/results/corpus-<n>.json.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { slugify } from '../src/ingest/rules.js';
import { validateIngestDocument } from '../src/ingest/validate.js';
import { writeMany } from '../src/store/sqlite/writer.js';
import type { IngestDocument } from '../src/schemas/ingest.js';
import {
  ACTIONS,
  ACTOR_LINES,
  ACTORS,
  AUTHORS,
  CLAIMS,
  CLOSERS,
  DIRECT_QUOTES,
  FILLERS,
  HEADLINES,
  INDIRECT_VERBS,
  ISSUES,
  MODALS,
  OPENERS,
  PLACES,
  PLURAL_VERBS,
  PUBLICATIONS,
  RARE_LINES,
  RARE_PLACES,
  SOURCES,
  TOPICS_EXTRA,
  type PoolActor,
  type PoolSource,
} from './vocabulary.js';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(benchDir, '..');
export const defaultCorpusPath = (articles: number) => join(benchDir, 'data', `corpus-${articles}.sqlite`);

/** Bumped whenever the generator changes what it writes, so stale corpora are rebuilt. */
export const GENERATOR_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, one stream per article (derived from the seed and the article number),
// so article i is the same whatever was generated before it.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  static forItem(seed: number, i: number): Rng {
    return new Rng((Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca77)) >>> 0);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /** k distinct items. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, k);
  }
}

/** Cumulative weights for drawing pool indexes, earlier ones more often. */
function zipf(n: number, exponent: number): Float64Array {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cumulative[k] = total += 1 / Math.pow(k + 2, exponent);
  for (let k = 0; k < n; k++) cumulative[k]! /= total;
  return cumulative;
}

function drawIndex(rng: Rng, cumulative: Float64Array): number {
  const x = rng.next();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ACTOR_WEIGHTS = zipf(ACTORS.length, 0.9);
const PUBLICATION_WEIGHTS = zipf(PUBLICATIONS.length, 0.6);
const ACTOR_BY_ID = new Map(ACTORS.map((a) => [a.id, a]));
const ACTOR_RANK = new Map(ACTORS.map((a, k) => [a.id, k]));

// Every actor's reference in the text must be found by the server's mention finder.
for (const a of ACTORS) {
  const names = [a.name, ...a.aliases].map((n) => n.toLowerCase());
  const text = a.ref.toLowerCase();
  if (!names.some((n) => new RegExp(`(?<![\\p{L}\\p{N}_])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').test(text))) {
    throw new Error(`vocabulary: the reference '${a.ref}' does not name actor '${a.id}'`);
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// One article.

const START = Date.UTC(2015, 0, 1);
const END = Date.UTC(2026, 2, 31);
const DAY = 86_400_000;

const KINDS = ['editorial', 'editorial', 'editorial', 'editorial', 'op-ed', 'op-ed', 'column'] as const;
const PORTRAYALS = ['critical', 'neutral', 'sympathetic'] as const;
const OTHER_ROLES = ['subject', 'perpetrator', 'affected', 'mentioned'] as const;
const RARE_PLACE_SHARE = 0.06;

type Role = 'subject' | 'addressee' | 'perpetrator' | 'affected' | 'partner' | 'source' | 'mentioned';

export class CorpusGenerator {
  private readonly usedIds = new Set<string>();

  constructor(readonly seed: number) {}

  /** Article number i (0-based). Call in order: ids taken earlier get a numeric suffix. */
  article(i: number): IngestDocument {
    const rng = Rng.forItem(this.seed, i);
    const date = new Date(START + rng.int(0, (END - START) / DAY) * DAY).toISOString().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const kind = rng.pick(KINDS);
    const publication = PUBLICATIONS[drawIndex(rng, PUBLICATION_WEIGHTS)]!;
    const issue = rng.pick(ISSUES);
    const issue2 = rng.pick(ISSUES);
    const places = rng.sample(PLACES, 3);
    const place = () => rng.pick(places);

    // Sources first: a source that is an actor brings its actor into the article.
    const quoteSources = rng.sample(SOURCES, rng.int(1, 3));
    const chosen = new Map<string, PoolActor>();
    const roles = new Map<string, Set<Role>>();
    const addRole = (id: string, role: Role) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
    for (const s of quoteSources) {
      if (s.actor) {
        chosen.set(s.actor, ACTOR_BY_ID.get(s.actor)!);
        addRole(s.actor, 'source');
      }
    }
    const actorCount = rng.int(8, 16);
    while (chosen.size < actorCount) {
      const a = ACTORS[drawIndex(rng, ACTOR_WEIGHTS)]!;
      if (!chosen.has(a.id)) chosen.set(a.id, a);
    }
    const cast = [...chosen.values()];
    // The actor the piece is mainly about: the most prominent one that is not only a source.
    const rank = (a: PoolActor) => ACTOR_RANK.get(a.id)!;
    const primary = [...cast].filter((a) => a.type !== 'group' && !roles.has(a.id)).sort((a, b) => rank(a) - rank(b))[0] ?? cast[0]!;
    const mentioned = new Set<string>();
    const refOf = (a: PoolActor) => {
      mentioned.add(a.id);
      return a.ref;
    };
    // Fillers name actors not yet in the text first, so every listed actor appears.
    const nextActor = (avoid?: PoolActor): PoolActor => {
      const fresh = cast.find((a) => !mentioned.has(a.id) && a !== avoid);
      if (fresh) return fresh;
      let a = rng.pick(cast);
      if (a === avoid) a = cast[(cast.indexOf(a) + 1) % cast.length]!;
      return a;
    };
    let lastA: PoolActor | undefined;
    const fill = (template: string, vars: Record<string, string> = {}) =>
      template.replace(/\{(\w+)\}/g, (_, key: string) => {
        if (key in vars) return vars[key]!;
        switch (key) {
          case 'issue':
            return rng.chance(0.8) ? issue.text : issue2.text;
          case 'place':
            return place();
          case 'n':
            return String(rng.int(2, 12));
          case 'year':
            return String(rng.int(Math.max(2005, year - 12), year - 1));
          case 'A':
            lastA = nextActor();
            return refOf(lastA);
          case 'B':
            return refOf(nextActor(lastA));
          case 'actor':
            return primary.name;
          default:
            throw new Error(`unknown slot {${key}}`);
        }
      });
    const sentence = (template: string, vars?: Record<string, string>) => capitalize(fill(template, vars));

    // Recommendations: distinct policy actions, so every evidence sentence is distinct.
    const addressees = [primary, ...rng.sample(cast.filter((a) => a !== primary && a.type !== 'group'), rng.int(0, 2))];
    const recCount = rng.int(4, 10);
    const actions = rng.sample(ACTIONS, recCount);
    const priorities = rng.shuffle(Array.from({ length: recCount }, (_, k) => k + 1));
    const recSentences: string[] = [];
    const recommendations: IngestDocument['recommendations'] = actions.map((action, k) => {
      const addressee = rng.chance(0.55) ? primary : rng.pick(addressees);
      addRole(addressee.id, 'addressee');
      const strength = rng.pick(['must', 'must', 'should', 'should', 'could'] as const);
      const modal = rng.pick(MODALS[strength]);
      const instrument = action.instruments.length ? rng.pick(action.instruments) : '';
      const verb = fill(action.verb, { instr: instrument });
      const form = rng.int(0, 5);
      const partnerPool = cast.filter((a) => a !== addressee && a.type !== 'armed-group');
      const partners = form === 1 ? rng.sample(partnerPool, rng.int(1, 2)) : [];
      const against = form === 2 && action.against.length ? [rng.pick(action.against)] : [];
      const subject = refOf(addressee);
      let exact: string;
      let text: string;
      if (partners.length) {
        for (const p of partners) addRole(p.id, 'partner');
        exact = `${capitalize(subject)} ${modal} ${verb}, working with ${partners.map(refOf).join(' and ')}`;
        text = `${exact}.`;
      } else if (against.length) {
        exact = `${capitalize(subject)} ${modal} ${verb}, not ${against[0]}`;
        text = `${exact}.`;
      } else if (form === 3) {
        exact = `${subject} ${modal} ${verb}`;
        text = `Most importantly, ${exact}.`;
      } else if (form === 4) {
        exact = `${subject} ${modal} ${verb}`;
        text = `${rng.pick(['In the meantime', 'Beyond that', 'Equally', 'Above all'])}, ${exact}.`;
      } else {
        exact = `${capitalize(subject)} ${modal} ${verb}`;
        text = `${exact}.`;
      }
      recSentences.push(text);
      const instruments = instrument ? [instrument] : rng.sample(action.instruments, rng.int(0, 2));
      return {
        addressee: addressee.id,
        statement: `${capitalize(verb)}${partners.length ? `, working with ${partners.map((p) => p.name).join(' and ')}` : ''}.`,
        strength,
        priority: priorities[k]!,
        domain: action.domain,
        instruments,
        partners: partners.map((p) => p.id),
        against: against.length ? against : rng.chance(0.3) && action.against.length ? [rng.pick(action.against)] : [],
        evidence: { exact },
      };
    });

    // Quotations: distinct claims, indirect or direct.
    const claims = rng.sample(CLAIMS, quoteSources.length);
    const quotes = rng.sample(DIRECT_QUOTES, quoteSources.length);
    const quoteSentences: string[] = [];
    const quotations: IngestDocument['quotations'] = quoteSources.map((s: PoolSource, k) => {
      const source = { id: s.id, name: s.name, type: s.type, description: s.description, ...(s.actor ? { actor: s.actor } : {}) };
      const who = s.actor ? refOf(ACTOR_BY_ID.get(s.actor)!) : s.ref;
      if (rng.chance(0.3)) {
        const words = fill(quotes[k]!);
        const exact = `“${words},” ${who} said`;
        quoteSentences.push(`${exact}.`);
        return { source, kind: 'direct' as const, verb: 'said', claim: `${words}.`, evidence: { exact } };
      }
      const verb = rng.pick(s.type === 'group' ? PLURAL_VERBS : INDIRECT_VERBS);
      const vars = { issue: rng.chance(0.7) ? issue.text : issue2.text, place: place(), n: String(rng.int(2, 40)) };
      const claimText = fill(claims[k]!.text, vars);
      const lead = rng.chance(0.3) ? `${rng.pick(['Meanwhile', 'Tellingly', 'As it happens', 'Worse still'])}, ` : '';
      const exact = `${lead ? who : capitalize(who)} ${verb.text} ${claimText}`;
      quoteSentences.push(`${lead}${exact}.`);
      return { source, kind: 'indirect' as const, verb: verb.verb, claim: capitalize(fill(claims[k]!.claim, vars)), evidence: { exact } };
    });

    // The text around them, to a target length like the seed editorial's.
    const target = rng.int(2000, 3500);
    const opener = sentence(rng.pick(OPENERS));
    const closer = rng.pick(CLOSERS);
    const rare = rng.chance(RARE_PLACE_SHARE) ? sentence(rng.pick(RARE_LINES), { rare: rng.pick(RARE_PLACES) }) : null;
    const required = [opener, closer, ...recSentences, ...quoteSentences, ...(rare ? [rare] : [])];
    let length = required.reduce((n, s) => n + s.length + 1, 0);
    const fillerTemplates = rng.shuffle([...FILLERS]);
    const fillers: string[] = [];
    for (let k = 0; length + 55 * cast.filter((a) => !mentioned.has(a.id)).length < target; k++) {
      const f = sentence(fillerTemplates[k % fillerTemplates.length]!);
      fillers.push(f);
      length += f.length + 1;
    }
    const actorLines = cast.filter((a) => !mentioned.has(a.id)).map((a) => sentence(rng.pick(ACTOR_LINES), { A: refOf(a) }));

    // Order: opening and context first, recommendations towards the end, as editorials run.
    const headCount = Math.min(fillers.length, rng.int(1, 3));
    const context = rng.shuffle([...fillers.slice(headCount, Math.ceil(fillers.length * 0.7)), ...quoteSentences, ...actorLines, ...(rare ? [rare] : [])]);
    const tail = rng.shuffle([...recSentences, ...fillers.slice(Math.ceil(fillers.length * 0.7))]);
    const sentences = [opener, ...fillers.slice(0, headCount), ...context, ...tail, closer];
    const paragraphs: string[] = [];
    for (let k = 0; k < sentences.length; ) {
      const size = rng.int(3, 5);
      paragraphs.push(sentences.slice(k, k + size).join(' '));
      k += size;
    }
    const body = paragraphs.join('\n\n');

    for (const part of [...recommendations, ...quotations]) {
      const at = body.indexOf(part.evidence.exact);
      if (at === -1 || body.indexOf(part.evidence.exact, at + 1) !== -1) {
        throw new Error(`generator: article ${i}: evidence ${JSON.stringify(part.evidence.exact)} is not unique in the body`);
      }
    }

    const headline = capitalize(
      fill(rng.pick(HEADLINES), { issue: issue.text, place: places[0]!, actor: primary.name.replace(/^the /, '') }),
    );
    let id = `${date}-${slugify(headline)}`.slice(0, 110).replace(/-+$/, '');
    for (let k = 2; this.usedIds.has(id); k++) id = `${date}-${slugify(headline)}`.slice(0, 110).replace(/-+$/, '') + `-${k}`;
    this.usedIds.add(id);

    const topics = [...new Set([...issue.topics, ...(rng.chance(0.5) ? issue2.topics : []), ...(rng.chance(0.3) ? [rng.pick(TOPICS_EXTRA)] : [])])].slice(0, 5);
    for (const a of cast) if (!roles.has(a.id)) addRole(a.id, rng.pick(OTHER_ROLES));
    if (!roles.get(primary.id)!.has('subject')) addRole(primary.id, 'subject');

    return {
      id,
      headline,
      kind,
      publication: { ...publication },
      author: kind === 'editorial' ? null : rng.pick(AUTHORS),
      datePublished: date,
      language: 'en',
      url: rng.chance(0.3) ? `${publication.url}/${date.replaceAll('-', '/')}/${id.slice(11)}` : null,
      topics,
      body,
      actors: cast.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        description: a.description,
        aliases: a.aliases,
        roles: [...roles.get(a.id)!],
        portrayal: rng.pick(PORTRAYALS),
      })),
      recommendations,
      quotations,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The build.

export interface CorpusReport {
  articles: number;
  seed: number;
  out: string;
  generatorVersion: number;
  migrationsHash: string;
  seconds: number;
  /** Articles per second over the whole build (generation + validation + ingest). */
  rate: number;
  /** Articles per second counting ingestArticle only. */
  ingestRate: number;
  phases: { generateSeconds: number; validateSeconds: number; ingestSeconds: number; checkpointSeconds: number };
  validated: number;
  sizeBytes: number;
  counts: Record<string, number>;
  node: string;
  finishedAt: string;
}

/** What the corpus depends on besides (articles, seed): the schema and the generator. */
export function migrationsHash(): string {
  const dir = join(projectRoot, 'migrations');
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(dir, path)).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

export const metaPathOf = (out: string) => `${out}.meta.json`;

/** True when `out` holds a finished corpus of `articles` built from this schema and generator. */
export function corpusIsCurrent(out: string, articles: number, seed = 42): boolean {
  try {
    if (!existsSync(out)) return false;
    const meta = JSON.parse(readFileSync(metaPathOf(out), 'utf8')) as CorpusReport;
    return meta.articles === articles && meta.seed === seed && meta.generatorVersion === GENERATOR_VERSION && meta.migrationsHash === migrationsHash();
  } catch {
    return false;
  }
}

const removeDatabaseFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

const fmt = (n: number) => n.toLocaleString('en-US');

export async function buildCorpus(options: { articles: number; out?: string; seed?: number; quiet?: boolean }): Promise<CorpusReport> {
  const { articles, seed = 42, quiet = false } = options;
  const out = resolve(options.out ?? defaultCorpusPath(articles));
  const log = (line: string) => quiet || process.stderr.write(`${line}\n`);
  mkdirSync(dirname(out), { recursive: true });
  // Built beside the target and renamed at the end: an interrupted build never looks finished.
  const building = `${out}.building`;
  removeDatabaseFiles(building);
  removeDatabaseFiles(out);
  rmSync(metaPathOf(out), { force: true });

  const connection = openDatabase(building);
  migrateDatabase(connection);
  const generator = new CorpusGenerator(seed);
  let generateNs = 0n;
  let validateNs = 0n;
  let ingestNs = 0n;
  let validated = 0;
  const started = process.hrtime.bigint();
  let lastReport = Date.now();
  log(`building ${fmt(articles)} articles (seed ${seed}) into ${relative(process.cwd(), out)}`);
  // The batch path of the ingest module: the same writes as ingestArticle, BATCH articles to a
  // transaction (each in its own savepoint), which spares a commit per article.
  const BATCH = 200;
  let batch: IngestDocument[] = [];
  const flush = () => {
    const t = process.hrtime.bigint();
    // Timestamps derived from the date keep the whole database deterministic.
    const results = writeMany(connection.db, batch, 'create', (doc) => `${doc.datePublished}T06:00:00.000Z`);
    ingestNs += process.hrtime.bigint() - t;
    const failed = results.find((r: unknown): r is Error => r instanceof Error);
    if (failed) throw failed;
    batch = [];
  };
  try {
    for (let i = 0; i < articles; i++) {
      const t0 = process.hrtime.bigint();
      const doc = generator.article(i);
      const t1 = process.hrtime.bigint();
      // A sample proves the generator matches the ingest schema; validating every document
      // would measure ajv, not the build.
      if (i < 200 || i % 500 === 0) {
        validateIngestDocument(doc);
        validated++;
      }
      const t2 = process.hrtime.bigint();
      batch.push(doc);
      if (batch.length === BATCH || i === articles - 1) flush();
      generateNs += t1 - t0;
      validateNs += t2 - t1;
      if (!quiet && Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        const rate = (i + 1) / elapsed;
        log(`  ${fmt(i + 1)}/${fmt(articles)} articles, ${rate.toFixed(0)}/s, eta ${((articles - i - 1) / rate).toFixed(0)} s`);
      }
    }
    const t4 = process.hrtime.bigint();
    connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointNs = process.hrtime.bigint() - t4;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const count = (table: string) => (connection.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts = Object.fromEntries(
      ['articles', 'actors', 'article_actors', 'actor_mentions', 'recommendations', 'quotations', 'sources', 'publications'].map((t) => [t, count(t)]),
    );
    connection.sqlite.close();
    renameSync(building, out);
    removeDatabaseFiles(building);
    const report: CorpusReport = {
      articles,
      seed,
      out: relative(projectRoot, out),
      generatorVersion: GENERATOR_VERSION,
      migrationsHash: migrationsHash(),
      seconds: round(seconds, 2),
      rate: round(articles / seconds, 1),
      ingestRate: round(articles / (Number(ingestNs) / 1e9), 1),
      phases: {
        generateSeconds: round(Number(generateNs) / 1e9, 2),
        validateSeconds: round(Number(validateNs) / 1e9, 2),
        ingestSeconds: round(Number(ingestNs) / 1e9, 2),
        checkpointSeconds: round(Number(checkpointNs) / 1e9, 2),
      },
      validated,
      sizeBytes: statSync(out).size,
      counts,
      node: process.version,
      finishedAt: new Date().toISOString(),
    };
    writeFileSync(metaPathOf(out), `${JSON.stringify(report, null, 2)}\n`);
    const resultsDir = join(benchDir, 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, `corpus-${articles}.json`), `${JSON.stringify(report, null, 2)}\n`);
    log(
      `built ${fmt(articles)} articles in ${report.seconds} s: ${report.rate} articles/s ` +
        `(target >= 500; ingest alone ${report.ingestRate}/s; generate ${report.phases.generateSeconds} s, ` +
        `validate ${report.phases.validateSeconds} s for ${validated} docs, ingest ${report.phases.ingestSeconds} s), ` +
        `${(report.sizeBytes / 1048576).toFixed(0)} MiB; ${Object.entries(counts).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
    );
    return report;
  } catch (err) {
    try {
      connection.sqlite.close();
    } catch {
      // already closed
    }
    removeDatabaseFiles(building);
    throw err;
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Command line.

export function parseArgs(argv: string[], defaults: Record<string, string | boolean>): Record<string, string | boolean> {
  const args: Record<string, string | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (key.startsWith('no-') && !(key in defaults)) {
      args[key.slice(3)] = false;
      continue;
    }
    if (!(key in defaults)) throw new Error(`unknown option --${key}; known: ${Object.keys(defaults).map((k) => `--${k}`).join(' ')}`);
    if (typeof defaults[key] === 'boolean' && inline === undefined) args[key] = true;
    else args[key] = inline ?? argv[++i] ?? '';
  }
  return args;
}

export function positiveInt(value: string | boolean, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not '${value}'`);
  return n;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { articles: '10000', out: '', seed: '42', quiet: false });
  const articles = positiveInt(args.articles!, 'articles');
  await buildCorpus({
    articles,
    out: args.out ? resolve(process.cwd(), String(args.out)) : undefined,
    seed: Number(args.seed),
    quiet: args.quiet === true,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}
