// Scores the assisted reader against hand-annotated editorials.
//
//   npx tsx src/reader/evaluate.ts [--set dev|heldout|all] [--dir FOLDER] [--verbose]
//
// Gold files: src/reader/eval/<set>/NN-slug.txt with NN-slug.json beside it; the dev set also
// scores the seed editorial (db/seed/*.json, in ingest format). With no --set, or with --set all,
// every set that holds texts is scored and reported on its own (texts tuned on and texts not are
// never pooled); --dir scores the pairs of another folder. Matching follows the annotation
// rules: a recommendation or quotation matches a gold item when their evidence spans overlap (in
// code points), one to one, greedy by overlap; a second prediction on a matched item is a false
// positive; optional gold items count neither way; candidates under the draft threshold are left
// out. Every draft is also written through the real ingest module into an in-memory database that
// already holds the seed, so a draft that clashes with the registry fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, migrateDatabase, type Db } from '../../db/client.js';
import { actors as actorsTable } from '../../db/schema.js';
import { CodePoints, resolveAnchor } from '../ingest/anchors.js';
import { IngestError, validateIngestDocument } from '../ingest/validate.js';
import { writeOne } from '../store/sqlite/writer.js';
import type { IngestDocument } from '../schemas/ingest.js';
import { projectRoot, seedFolder } from '../paths.js';
import { DRAFT_CONFIDENCE, candidateNames, toDraft, type KnownActor } from './draft.js';
import { readEditorial } from './reader.js';
import type { ReaderInput, Reading } from './types.js';

export interface GoldActor {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
}
export interface GoldPart {
  exact: string;
  prefix?: string;
  optional?: boolean;
}
export interface GoldRecommendation extends GoldPart {
  addressee: string;
  alternatives?: string[];
  strength: string;
}
export interface GoldQuotation extends GoldPart {
  source: string;
  kind: string;
  verb: string;
}
export interface Gold {
  headline?: string;
  publication?: { id: string; name: string };
  home?: string;
  datePublished?: string;
  language?: string;
  actors: GoldActor[];
  recommendations: GoldRecommendation[];
  quotations: GoldQuotation[];
}

export interface Text {
  name: string;
  body: string;
  gold: Gold;
}

const SEED = '2026-01-10-anti-terrorism-fight';
const EVAL_DIR = join(projectRoot, 'src', 'reader', 'eval');

export function loadSet(set: 'dev' | 'heldout'): Text[] {
  return [...(set === 'dev' ? [seedText()] : []), ...loadFolder(join(EVAL_DIR, set))];
}

/** The text/gold pairs of a folder, by name. */
export function loadFolder(dir: string): Text[] {
  const texts: Text[] = [];
  if (!existsSync(dir)) return texts;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const json = join(dir, file.replace(/\.txt$/, '.json'));
    if (!existsSync(json)) continue;
    texts.push({ name: file.replace(/\.txt$/, ''), body: readFileSync(join(dir, file), 'utf8'), gold: JSON.parse(readFileSync(json, 'utf8')) as Gold });
  }
  return texts;
}

/** The seed editorial, its ingest document read as gold. */
function seedText(): Text {
  const doc = JSON.parse(readFileSync(join(seedFolder, `${SEED}.json`), 'utf8')) as IngestDocument;
  return {
    name: `seed-${SEED}`,
    body: doc.body,
    gold: {
      headline: doc.headline,
      publication: { id: doc.publication.id, name: doc.publication.name },
      home: 'pakistan',
      datePublished: doc.datePublished,
      language: doc.language,
      actors: doc.actors.map((a) => ({ id: a.id, name: a.name, type: a.type, aliases: a.aliases ?? [] })),
      recommendations: doc.recommendations.map((r) => ({ ...r.evidence, addressee: r.addressee, strength: r.strength })),
      quotations: doc.quotations.map((q) => ({ ...q.evidence, source: q.source.actor ?? q.source.id, kind: q.kind, verb: q.verb })),
    },
  };
}

// --- scoring -------------------------------------------------------------------------------------

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score {
  recommendations: Counts & { addresseeRight: number; strengthRight: number };
  quotations: Counts & { sourceRight: number; kindRight: number };
  actors: Counts & { namedGold: number; namedFound: number };
  draftOk: boolean;
  draftError?: string;
  ms: number;
  misses: string[];
}

/** Names compared as the rules say: case-insensitively, without a leading "the" or a possessive. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/^the\s+/, '').replace(/[’']s$/, '').trim();
}

const namesOf = (a: { name: string; aliases?: string[] } | undefined) => (a ? [a.name, ...(a.aliases ?? [])].map(normaliseName) : []);
const shares = (a: string[], b: string[]) => a.some((x) => b.includes(x));

interface Span {
  start: number;
  end: number;
}

/** Greedy one-to-one matching by overlap; returns gold index per prediction (or -1). */
function match(predicted: Span[], gold: Span[]): number[] {
  const pairs: Array<{ p: number; g: number; overlap: number }> = [];
  predicted.forEach((p, i) =>
    gold.forEach((g, j) => {
      const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
      if (overlap > 0) pairs.push({ p: i, g: j, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap || a.p - b.p);
  const byPred = predicted.map(() => -1);
  const goldTaken = new Set<number>();
  for (const { p, g } of pairs) {
    if (byPred[p] !== -1 || goldTaken.has(g)) continue;
    byPred[p] = g;
    goldTaken.add(g);
  }
  return byPred;
}

function goldSpan(points: CodePoints, part: GoldPart, label: string): Span {
  const r = resolveAnchor(points, { exact: part.exact, prefix: part.prefix });
  if (!r.ok) throw new Error(`${label}: gold anchor ${r.message}`);
  return r.span;
}

export function score(text: Text, reading: Reading, misses: string[]): Omit<Score, 'draftOk' | 'draftError' | 'ms' | 'misses'> {
  const { gold, body } = text;
  const points = new CodePoints(body);
  const goldActor = new Map(gold.actors.map((a) => [a.id, a]));
  const predActor = new Map(reading.actors.map((a) => [a.id, a]));

  // Recommendations.
  const recs = reading.recommendations.filter((r) => r.confidence >= DRAFT_CONFIDENCE);
  const goldRecs = gold.recommendations.map((g, i) => goldSpan(points, g, `${text.name} recommendation ${i}`));
  const recMatch = match(recs.map((r) => r.evidence), goldRecs);
  const rc = { tp: 0, fp: 0, fn: 0, addresseeRight: 0, strengthRight: 0 };
  recs.forEach((r, i) => {
    const g = recMatch[i]!;
    if (g === -1) {
      rc.fp++;
      misses.push(`  FP rec [${r.rule}] ${r.strength} -> ${r.addressee}: ${r.evidence.exact}`);
      return;
    }
    const gr = gold.recommendations[g]!;
    if (gr.optional) return;
    rc.tp++;
    const accepted = [gr.addressee, ...(gr.alternatives ?? [])].flatMap((id) => namesOf(goldActor.get(id)));
    if (shares(namesOf(predActor.get(r.addressee)), accepted)) rc.addresseeRight++;
    else misses.push(`  ADDR rec [${r.rule}] ${r.addressee} != ${gr.addressee}${gr.alternatives ? ` (${gr.alternatives.join(',')})` : ''}: ${gr.exact}`);
    if (r.strength === gr.strength) rc.strengthRight++;
    else misses.push(`  STRENGTH rec ${r.strength} != ${gr.strength}: ${gr.exact}`);
  });
  gold.recommendations.forEach((g, j) => {
    if (!g.optional && !recMatch.includes(j)) {
      rc.fn++;
      misses.push(`  FN rec ${g.strength} -> ${g.addressee}: ${g.exact}`);
    }
  });

  // Quotations.
  const quotes = reading.quotations.filter((q) => q.confidence >= DRAFT_CONFIDENCE);
  const goldQuotes = gold.quotations.map((g, i) => goldSpan(points, g, `${text.name} quotation ${i}`));
  const quoteMatch = match(quotes.map((q) => q.evidence), goldQuotes);
  const qc = { tp: 0, fp: 0, fn: 0, sourceRight: 0, kindRight: 0 };
  quotes.forEach((q, i) => {
    const g = quoteMatch[i]!;
    if (g === -1) {
      qc.fp++;
      misses.push(`  FP quote [${q.rule}] ${q.source.name} ${q.verb}: ${q.evidence.exact}`);
      return;
    }
    const gq = gold.quotations[g]!;
    if (gq.optional) return;
    qc.tp++;
    const predicted = [normaliseName(q.source.name), ...namesOf(q.source.actor ? predActor.get(q.source.actor) : undefined)];
    if (shares(predicted, namesOf(goldActor.get(gq.source)))) qc.sourceRight++;
    else misses.push(`  SOURCE quote [${q.rule}] ${q.source.name} != ${gq.source}: ${gq.exact}`);
    if (q.kind === gq.kind) qc.kindRight++;
    else misses.push(`  KIND quote ${q.kind} != ${gq.kind}: ${gq.exact}`);
  });
  gold.quotations.forEach((g, j) => {
    if (!g.optional && !quoteMatch.includes(j)) {
      qc.fn++;
      misses.push(`  FN quote ${g.source} ${g.verb}: ${g.exact}`);
    }
  });

  // Actors: a gold actor is found when a predicted actor's name or alias equals one of its names.
  const ac = { tp: 0, fp: 0, fn: 0, namedGold: 0, namedFound: 0 };
  const claimed = new Set<string>();
  for (const p of reading.actors.filter((a) => a.confidence >= DRAFT_CONFIDENCE)) {
    const names = namesOf(p);
    const target = gold.actors.find((g) => !claimed.has(g.id) && shares(names, namesOf(g)));
    if (target) {
      claimed.add(target.id);
      ac.tp++;
    } else {
      ac.fp++;
      misses.push(`  FP actor [${p.rule}] ${p.name}${p.aliases.length ? ` (${p.aliases.join(', ')})` : ''}`);
    }
  }
  for (const g of gold.actors) {
    const named = namesOf(g).some((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(n)}(?![\\p{L}\\p{N}])`, 'iu').test(body));
    if (named) ac.namedGold++;
    if (claimed.has(g.id)) {
      if (named) ac.namedFound++;
      continue;
    }
    ac.fn++;
    misses.push(`  FN actor${named ? ' (named)' : ''} ${g.id}: ${g.name}${g.aliases?.length ? ` (${g.aliases.join(', ')})` : ''}`);
  }
  return { recommendations: rc, quotations: qc, actors: ac };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- drafts through the real ingest --------------------------------------------------------------

/** A fresh in-memory database with the migrations and (unless skipped) the seed article. */
function registry(withSeed: boolean): Db {
  const connection = openDatabase(':memory:');
  migrateDatabase(connection);
  if (withSeed) {
    const seed = JSON.parse(readFileSync(join(seedFolder, `${SEED}.json`), 'utf8')) as unknown;
    writeOne(connection.db, validateIngestDocument(seed), 'create');
  }
  return connection.db;
}

/** Builds the draft against the registry's actors and writes it; returns the refusal if any. */
export function checkDraft(text: Text, input: ReaderInput, reading: Reading): string | undefined {
  const db = registry(!text.name.startsWith('seed-'));
  const wanted = new Set(candidateNames(reading).map((n) => n.toLowerCase()));
  const known: KnownActor[] = db
    .select()
    .from(actorsTable)
    .all()
    .filter((a) => [a.name, ...a.aliases].some((n) => wanted.has(n.toLowerCase())))
    .map((a) => ({ id: a.id, name: a.name, type: a.type, aliases: a.aliases }));
  const { draft } = toDraft(reading, input, known);
  try {
    writeOne(db, validateIngestDocument(draft), 'create');
    return undefined;
  } catch (err) {
    if (err instanceof IngestError) return `${err.message} ${JSON.stringify(err.errors.slice(0, 3))}`;
    throw err;
  }
}

export function inputOf(text: Text): ReaderInput {
  const { gold } = text;
  return {
    body: text.body,
    ...(gold.headline ? { headline: gold.headline } : {}),
    ...(gold.publication ? { publication: gold.publication } : {}),
    ...(gold.datePublished ? { datePublished: gold.datePublished } : {}),
    ...(gold.home ? { home: gold.home } : {}),
    language: gold.language ?? 'en',
  };
}

export function evaluate(texts: Text[]): Score[] {
  return texts.map((text) => {
    const input = inputOf(text);
    const t0 = performance.now();
    const reading = readEditorial(input);
    const ms = performance.now() - t0;
    const misses: string[] = [];
    const s = score(text, reading, misses);
    const draftError = checkDraft(text, input, reading);
    return { ...s, draftOk: !draftError, ...(draftError ? { draftError } : {}), ms, misses };
  });
}

// --- report --------------------------------------------------------------------------------------

const pct = (n: number, d: number) => (d ? (n / d).toFixed(2) : ' -  ');
function prf(c: Counts) {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${f.toFixed(2)}`;
}

function line(name: string, s: Omit<Score, 'misses'>): string {
  const r = s.recommendations;
  const q = s.quotations;
  const a = s.actors;
  return [
    name.padEnd(40),
    `rec ${prf(r)} addr ${pct(r.addresseeRight, r.tp)} str ${pct(r.strengthRight, r.tp)}`,
    `| quote ${prf(q)} src ${pct(q.sourceRight, q.tp)}`,
    `| actor ${prf(a)} named-R ${pct(a.namedFound, a.namedGold)}`,
    `| draft ${s.draftOk ? 'ok' : 'REFUSED'} | ${s.ms.toFixed(1)} ms`,
  ].join(' ');
}

function total(scores: Score[]): Omit<Score, 'misses'> {
  const sum = <T extends object>(pick: (s: Score) => T): T => {
    const out = {} as Record<string, number>;
    for (const s of scores) for (const [k, v] of Object.entries(pick(s))) out[k] = (out[k] ?? 0) + (v as number);
    return out as T;
  };
  return {
    recommendations: sum((s) => s.recommendations),
    quotations: sum((s) => s.quotations),
    actors: sum((s) => s.actors),
    draftOk: scores.every((s) => s.draftOk),
    ms: scores.reduce((m, s) => m + s.ms, 0) / Math.max(1, scores.length),
  };
}

function main(argv: string[]) {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const set = option('--set') ?? 'all';
  if (set !== 'dev' && set !== 'heldout' && set !== 'all') throw new Error('--set dev|heldout|all');
  const verbose = argv.includes('--verbose');
  const dir = option('--dir');
  const sets: Array<[string, Text[]]> = dir
    ? [[dir, loadFolder(dir)]]
    : (set === 'all' ? (['dev', 'heldout'] as const) : ([set] as const)).map((name): [string, Text[]] => [name, loadSet(name)]);
  let ok = true;
  for (const [name, texts] of sets) {
    console.log(`== ${name}: ${texts.length} texts`);
    if (!texts.length) {
      console.log('   (no texts)');
      continue;
    }
    ok = report(name, texts, verbose) && ok;
  }
  if (!ok) process.exitCode = 1;
}

/** Scores one set, prints a line per text, its total and its figures as JSON; false when a draft was refused. */
function report(name: string, texts: Text[], verbose: boolean): boolean {
  const scores = evaluate(texts);
  scores.forEach((s, i) => {
    console.log(line(texts[i]!.name, s));
    if (s.draftError) console.log(`  draft refused: ${s.draftError}`);
    if (verbose) for (const m of s.misses) console.log(m);
  });
  const t = total(scores);
  console.log(line(`TOTAL ${name} (${texts.length} texts, mean time)`, t));
  const r = t.recommendations;
  const q = t.quotations;
  console.log(
    JSON.stringify({
      set: name,
      texts: texts.length,
      recommendations: { precision: ratio(r.tp, r.tp + r.fp), recall: ratio(r.tp, r.tp + r.fn), addressee: ratio(r.addresseeRight, r.tp), strength: ratio(r.strengthRight, r.tp) },
      quotations: { precision: ratio(q.tp, q.tp + q.fp), recall: ratio(q.tp, q.tp + q.fn), source: ratio(q.sourceRight, q.tp), kind: ratio(q.kindRight, q.tp) },
      actors: { precision: ratio(t.actors.tp, t.actors.tp + t.actors.fp), recall: ratio(t.actors.tp, t.actors.tp + t.actors.fn), namedRecall: ratio(t.actors.namedFound, t.actors.namedGold) },
      drafts: t.draftOk ? 'all accepted' : 'some refused',
    }),
  );
  return t.draftOk;
}

function ratio(n: number, d: number): number {
  return d ? Math.round((n / d) * 1000) / 1000 : 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main(process.argv.slice(2));
