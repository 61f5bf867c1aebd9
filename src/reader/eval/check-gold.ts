/**
 * Validates the gold annotations of the reader's evaluation set.
 *
 *   npx tsx src/reader/eval/check-gold.ts [dir ...]
 *
 * With no argument it checks src/reader/eval/dev and src/reader/eval/heldout.
 * Every NN-slug.txt must have an NN-slug.json beside it (and vice versa).
 * Prints every fault and exits 1 if there is any; exits 0 otherwise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TYPES = new Set(['state', 'armed-group', 'organization', 'institution', 'person', 'group']);
const STRENGTHS = new Set(['must', 'should', 'could']);
const KINDS = new Set(['direct', 'indirect']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const faults: string[] = [];
const fault = (file: string, msg: string): void => {
  faults.push(`${file}: ${msg}`);
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

/** Checks that exact (with its optional prefix) occurs exactly once; returns a label for messages. */
function checkAnchor(file: string, text: string, item: Json, where: string): void {
  const exact = item['exact'];
  if (!str(exact)) {
    fault(file, `${where}: missing exact`);
    return;
  }
  if (exact !== exact.trim()) fault(file, `${where}: exact has leading/trailing space: ${JSON.stringify(exact)}`);
  const prefix = item['prefix'];
  const n = count(text, exact);
  if (n === 0) {
    fault(file, `${where}: exact not in text: ${JSON.stringify(exact)}`);
    return;
  }
  if (prefix === undefined) {
    if (n > 1) fault(file, `${where}: exact occurs ${n} times, needs a prefix: ${JSON.stringify(exact)}`);
    return;
  }
  if (!str(prefix)) {
    fault(file, `${where}: prefix must be a non-empty string`);
    return;
  }
  const m = count(text, prefix + exact);
  if (m !== 1) fault(file, `${where}: prefix+exact occurs ${m} times: ${JSON.stringify(prefix + exact)}`);
  if (n === 1) fault(file, `${where}: prefix given but exact is already unique: ${JSON.stringify(exact)}`);
}

function checkPair(txtPath: string, jsonPath: string): { recs: number; quotes: number; actors: number } {
  const file = basename(jsonPath);
  const text = readFileSync(txtPath, 'utf8');
  const lower = text.toLowerCase();
  let gold: unknown;
  try {
    gold = JSON.parse(readFileSync(jsonPath, 'utf8'));
  } catch (err) {
    fault(file, `invalid JSON: ${(err as Error).message}`);
    return { recs: 0, quotes: 0, actors: 0 };
  }
  if (!isObj(gold)) {
    fault(file, 'top level is not an object');
    return { recs: 0, quotes: 0, actors: 0 };
  }

  if (!str(gold['headline'])) fault(file, 'missing headline');
  const pub = gold['publication'];
  if (!isObj(pub) || !str(pub['id']) || !str(pub['name'])) fault(file, 'publication needs id and name');
  else if (!SLUG.test(pub['id'])) fault(file, `publication id is not a slug: ${String(pub['id'])}`);
  if (!str(gold['datePublished']) || !DATE.test(gold['datePublished'])) fault(file, 'datePublished must be YYYY-MM-DD');
  if (gold['language'] !== 'en') fault(file, 'language must be "en"');

  const words = text.trim().split(/\s+/).length;
  if (words < 350 || words > 700) fault(file, `body has ${words} words (wanted 350-700)`);
  if (/^\s|\s$/.test(text.replace(/\n$/, ''))) fault(file, 'body has leading or trailing whitespace');

  // Actors.
  const ids = new Set<string>();
  const actors = Array.isArray(gold['actors']) ? gold['actors'] : [];
  if (!Array.isArray(gold['actors'])) fault(file, 'actors must be an array');
  for (const [i, a] of actors.entries()) {
    const where = `actors[${i}]`;
    if (!isObj(a)) {
      fault(file, `${where}: not an object`);
      continue;
    }
    const id = a['id'];
    if (!str(id) || !SLUG.test(id)) fault(file, `${where}: id is not a slug: ${String(id)}`);
    else if (ids.has(id)) fault(file, `${where}: duplicate id ${id}`);
    else ids.add(id);
    if (!str(a['type']) || !TYPES.has(a['type'])) fault(file, `${where} (${String(id)}): bad type ${String(a['type'])}`);
    const names: unknown[] = [a['name'], ...(Array.isArray(a['aliases']) ? (a['aliases'] as unknown[]) : [])];
    if (a['aliases'] !== undefined && !Array.isArray(a['aliases'])) fault(file, `${where}: aliases must be an array`);
    for (const n of names) {
      if (!str(n)) fault(file, `${where} (${String(id)}): empty name or alias`);
      else if (!lower.includes(n.toLowerCase())) fault(file, `${where} (${String(id)}): name/alias not in text: ${JSON.stringify(n)}`);
    }
  }
  const home = gold['home'];
  if (!str(home) || !ids.has(home)) fault(file, `home is not an actor id: ${String(home)}`);

  const checkId = (v: unknown, where: string): void => {
    if (!str(v) || !ids.has(v)) fault(file, `${where}: not an actor id: ${String(v)}`);
  };

  // Recommendations.
  const recs = Array.isArray(gold['recommendations']) ? gold['recommendations'] : [];
  if (!Array.isArray(gold['recommendations'])) fault(file, 'recommendations must be an array');
  const anchors = new Set<string>();
  const noteAnchor = (item: Json, where: string): void => {
    const key = `${where.split('[')[0]}|${JSON.stringify(item['prefix'] ?? '')}|${String(item['exact'])}`;
    if (anchors.has(key)) fault(file, `${where}: same anchor annotated twice: ${JSON.stringify(item['exact'])}`);
    anchors.add(key);
  };
  for (const [i, r] of recs.entries()) {
    const where = `recommendations[${i}]`;
    if (!isObj(r)) {
      fault(file, `${where}: not an object`);
      continue;
    }
    checkAnchor(file, text, r, where);
    noteAnchor(r, where);
    checkId(r['addressee'], `${where}.addressee`);
    if (r['alternatives'] !== undefined) {
      if (!Array.isArray(r['alternatives'])) fault(file, `${where}.alternatives must be an array`);
      else
        for (const alt of r['alternatives'] as unknown[]) {
          checkId(alt, `${where}.alternatives`);
          if (alt === r['addressee']) fault(file, `${where}.alternatives repeats the addressee`);
        }
    }
    if (!str(r['strength']) || !STRENGTHS.has(r['strength'])) fault(file, `${where}: bad strength ${String(r['strength'])}`);
    if (r['optional'] !== undefined && typeof r['optional'] !== 'boolean') fault(file, `${where}: optional must be boolean`);
  }

  // Quotations.
  const quotes = Array.isArray(gold['quotations']) ? gold['quotations'] : [];
  if (!Array.isArray(gold['quotations'])) fault(file, 'quotations must be an array');
  for (const [i, q] of quotes.entries()) {
    const where = `quotations[${i}]`;
    if (!isObj(q)) {
      fault(file, `${where}: not an object`);
      continue;
    }
    checkAnchor(file, text, q, where);
    noteAnchor(q, where);
    checkId(q['source'], `${where}.source`);
    if (!str(q['kind']) || !KINDS.has(q['kind'])) fault(file, `${where}: bad kind ${String(q['kind'])}`);
    if (!str(q['verb'])) fault(file, `${where}: missing verb`);
    else if (!lower.includes((q['verb']).toLowerCase())) fault(file, `${where}: verb not in text: ${String(q['verb'])}`);
  }

  // Unknown top-level keys are probably typos.
  const known = new Set(['headline', 'publication', 'home', 'datePublished', 'language', 'actors', 'recommendations', 'quotations']);
  for (const k of Object.keys(gold)) if (!known.has(k)) fault(file, `unknown key ${k}`);

  return { recs: recs.length, quotes: quotes.length, actors: actors.length };
}

const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : [join(HERE, 'dev'), join(HERE, 'heldout')];
for (const dir of dirs) {
  if (!existsSync(dir)) {
    faults.push(`${dir}: no such directory`);
    continue;
  }
  const files = readdirSync(dir).sort();
  const stems = new Set(files.filter((f) => f.endsWith('.txt') || f.endsWith('.json')).map((f) => f.replace(/\.(txt|json)$/, '')));
  const totals = { texts: 0, recs: 0, quotes: 0, actors: 0 };
  for (const stem of stems) {
    const txt = join(dir, `${stem}.txt`);
    const json = join(dir, `${stem}.json`);
    if (!/^\d\d-[a-z0-9-]+$/.test(stem)) faults.push(`${stem}: file name is not NN-slug`);
    if (!existsSync(txt)) {
      faults.push(`${stem}.json: no matching .txt`);
      continue;
    }
    if (!existsSync(json)) {
      faults.push(`${stem}.txt: no matching .json`);
      continue;
    }
    const c = checkPair(txt, json);
    totals.texts++;
    totals.recs += c.recs;
    totals.quotes += c.quotes;
    totals.actors += c.actors;
  }
  console.log(`${basename(dir)}: ${totals.texts} texts, ${totals.recs} recommendations, ${totals.quotes} quotations, ${totals.actors} actors`);
}

if (faults.length > 0) {
  console.error(`${faults.length} fault(s):`);
  for (const f of faults) console.error(`  ${f}`);
  process.exit(1);
}
console.log('gold OK');
