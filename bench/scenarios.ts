// The benchmark's scenarios, drawn from a corpus file: what bench/run.ts and bench/profile.ts load
// the servers with. Real clients ask for many different things, so every scenario but one draws
// from thousands of distinct URLs (random ids, publications, sorts, date windows, addressees,
// strengths, pairs of search words), which the response cache cannot answer from memory; the
// `repeated` scenario keeps ten URLs asked over and over, which it can.
import Database from 'better-sqlite3';
import type { Rng } from './corpus.js';
import { COMMON_TERMS, RARE_PLACES } from './vocabulary.js';

export type ScenarioKey = 'article' | 'list' | 'addressee' | 'searchCommon' | 'searchRare' | 'repeated';

export const LABELS: Record<ScenarioKey, string> = {
  article: 'article, all parts, random id',
  list: 'article list, publication + sort',
  addressee: 'recommendations by addressee',
  searchCommon: 'search, two common words',
  searchRare: 'search, rare term',
  repeated: 'article list, 10 repeated URLs',
};

export interface Scenario {
  key: ScenarioKey;
  /** Every URL a request may take. */
  urls: string[];
  /** The URLs the ceiling knows: all of them, or a sample when there are more than `sample`. */
  sampled: string[];
  note: string;
}

/** How many distinct URLs a varied scenario draws from (at most). */
export const VARIED_URLS = 3000;

export const articleUrl = (id: string) => `/v1/articles/${id}?include=body,actors,recommendations,quotations`;

/** Up to `n` distinct URLs from `draw`, giving up after 20 n draws (a small corpus has fewer). */
function distinct(n: number, draw: () => string): string[] {
  const urls = new Set<string>();
  for (let i = 0; i < 20 * n && urls.size < n; i++) urls.add(draw());
  return [...urls];
}

/** Words that occur in 5-60% of the articles: what a reader typing two ordinary words would ask. */
function commonWords(db: Database.Database, rng: Rng, articles: number): string[] {
  const bodies = db.prepare('SELECT body FROM articles ORDER BY rowid LIMIT 300').pluck().all() as string[];
  const seen = new Map<string, number>();
  for (const body of bodies) {
    for (const word of new Set(body.toLowerCase().match(/\b[a-z]{5,}\b/g) ?? [])) seen.set(word, (seen.get(word) ?? 0) + 1);
  }
  const countMatches = db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck();
  const candidates = [...seen].filter(([, n]) => n >= bodies.length * 0.05 && n <= bodies.length * 0.6).map(([w]) => w);
  const words = new Set(COMMON_TERMS);
  for (const word of rng.shuffle(candidates)) {
    if (words.size >= 60) break;
    const n = countMatches.get(`"${word}"`) as number;
    if (n >= articles * 0.05 && n <= articles * 0.6) words.add(word);
  }
  return [...words].sort();
}

export function scenariosFor(corpusPath: string, rng: Rng, sample: number): Scenario[] {
  const db = new Database(corpusPath, { readonly: true, fileMustExist: true });
  try {
    const ids = db.prepare('SELECT id FROM articles').pluck().all() as string[];
    const publications = db.prepare('SELECT id FROM publications ORDER BY id').pluck().all() as string[];
    const { first, last } = db.prepare('SELECT min(date_published) AS first, max(date_published) AS last FROM articles').get() as {
      first: string;
      last: string;
    };
    const months: string[] = [];
    for (let d = new Date(`${first.slice(0, 7)}-01T00:00:00Z`); d.toISOString() <= last; d.setUTCMonth(d.getUTCMonth() + 1)) {
      months.push(d.toISOString().slice(0, 10));
    }
    const addressees = db
      .prepare('SELECT addressee_id AS id, count(*) AS n FROM recommendations GROUP BY addressee_id ORDER BY n DESC, id')
      .all() as Array<{ id: string; n: number }>;
    const countMatches = db.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck();
    const rare: Array<{ term: string; articles: number }> = [];
    for (const term of RARE_PLACES) {
      const n = countMatches.get(`"${term}"`) as number;
      if (n >= 1 && n <= 50) rare.push({ term, articles: n });
    }
    const words = commonWords(db, rng, ids.length);

    const list = distinct(VARIED_URLS, () => {
      const from = rng.chance(0.5) ? `&from=${rng.pick(months)}` : '';
      return `/v1/articles?publication=${rng.pick(publications)}&sort=${rng.pick(['-datePublished', 'datePublished', 'headline'])}&limit=${rng.pick([10, 20, 25, 50])}${from}`;
    });
    const addressee = distinct(VARIED_URLS, () => {
      const strength = rng.chance(0.5) ? `&strength=${rng.pick(['must', 'should', 'could'])}` : '';
      return `/v1/actors/${rng.pick(addressees).id}/recommendations?sort=${rng.pick(['-datePublished', 'datePublished', 'priority'])}&limit=${rng.pick([10, 20, 50])}${strength}`;
    });
    const searchCommon = distinct(VARIED_URLS, () => {
      const [a, b] = rng.sample(words, 2);
      return `/v1/search?q=${encodeURIComponent(`${a} ${b}`)}${rng.chance(0.5) ? `&limit=${rng.pick([10, 50])}` : ''}`;
    });
    const searchRare = distinct(VARIED_URLS, () => `/v1/search?q=${encodeURIComponent(rng.pick(rare).term)}${rng.chance(0.5) ? `&limit=${rng.pick([10, 50])}` : ''}`);
    const repeated = publications.slice(0, 10).map((p) => `/v1/articles?publication=${p}&sort=-datePublished&limit=20`);

    const make = (key: ScenarioKey, urls: string[], note: string): Scenario => {
      const sampled = urls.length > sample ? rng.sample(urls, sample) : urls;
      return { key, urls, sampled, note: sampled.length < urls.length ? `${note} (ceiling: ${sampled.length} sampled)` : note };
    };
    return [
      make('article', ids.map(articleUrl), `random id of ${ids.length}`),
      make('list', list, `${list.length} URLs: ${publications.length} publications x 3 sorts x 4 limits x (no date or from one of ${months.length} months)`),
      make(
        'addressee',
        addressee,
        `${addressee.length} URLs: ${addressees.length} addressees (${addressees.at(-1)?.n}..${addressees[0]?.n} recommendations each) x 3 sorts x 3 limits x (any or one strength)`,
      ),
      make('searchCommon', searchCommon, `${searchCommon.length} URLs: pairs of ${words.length} words each in 5-60% of the articles`),
      make('searchRare', searchRare, `${searchRare.length} URLs: ${rare.length} rare place names in ${Math.min(...rare.map((r) => r.articles))}..${Math.max(...rare.map((r) => r.articles))} articles`),
      make('repeated', repeated, `${repeated.length} URLs asked over and over: the response cache answers them`),
    ];
  } finally {
    db.close();
  }
}
