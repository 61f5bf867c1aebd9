// Checks of a database file against the ingest documents that were written to it: each article
// present must be whole (every part, search entry and materialized document), none half-written.
// They read the tables directly, so nothing the app would rebuild on start can hide a fault.
import { writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema.js';
import type { IngestDocument } from '../../src/schemas/ingest.js';
import { documentsOf } from '../../src/store/documents.js';
import { readArticleRows } from '../../src/store/sqlite/rows.js';

/** Writes documents as NDJSON, one per line, in the order given. */
export function writeNdjson(file: string, docs: readonly object[]): void {
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
}

const FTS_TABLES = ['articles_fts', 'recommendations_fts', 'quotations_fts', 'actors_fts'];

/**
 * Whole-file checks: SQLite's integrity_check and foreign_key_check, and FTS5's own check of each
 * search index against the table it indexes (rank 1: against the content, not only itself).
 * Returns what failed; empty when the file is sound.
 */
export function fileFaults(sqlite: Database.Database): string[] {
  const faults: string[] = [];
  const integrity = sqlite.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') faults.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const orphans = sqlite.pragma('foreign_key_check') as unknown[];
  if (orphans.length) faults.push(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 5))}`);
  for (const fts of FTS_TABLES) {
    try {
      sqlite.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (err) {
      faults.push(`${fts}: ${(err as Error).message}`);
    }
  }
  return faults;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
/** An FTS5 phrase of the text's words: matches exactly the rows that contain them in order. */
const phrase = (text: string) => `"${words(text).join(' ')}"`;
const slice = (body: string, start: number, end: number) => Array.from(body).slice(start, end).join('');

/** Whole-word, any-case occurrences of an actor's names, as code-point spans (what ingest finds). */
function expectedMentions(body: string, names: string[]) {
  const found: Array<{ exact: string; start: number; end: number }> = [];
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of body.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'giu'))) {
      const start = Array.from(body.slice(0, m.index)).length;
      found.push({ exact: m[0], start, end: start + Array.from(m[0]).length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

type Row = Record<string, any>;

/**
 * What is missing or wrong in the stored article `doc` describes (an empty list: it is whole).
 * For documents whose actors list no mentions and whose parts take the derived ids, as
 * syntheticArticle's do; the article must exist.
 */
export function articleFaults(sqlite: Database.Database, doc: IngestDocument): string[] {
  const id = doc.id!;
  const faults: string[] = [];
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      faults.push(`${id} ${what}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    }
  };
  const all = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as Row[];

  const article = sqlite.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
  if (!article) return [`${id}: no article row`];
  same('article', [article.headline, article.kind, article.publication_id, article.author, article.date_published, article.language, article.url, article.body, article.word_count], [
    doc.headline, doc.kind, doc.publication.id, doc.author, doc.datePublished, doc.language, doc.url, doc.body, doc.body.split(/\s+/).filter(Boolean).length,
  ]);
  same('topics', all('SELECT topic FROM article_topics WHERE article_id = ? ORDER BY ordinal', id).map((r) => r.topic), doc.topics);
  same(
    'actors',
    all('SELECT actor_id, roles, portrayal FROM article_actors WHERE article_id = ? ORDER BY ordinal', id).map((r) => [r.actor_id, JSON.parse(r.roles), r.portrayal]),
    doc.actors.map((a) => [a.id, a.roles, a.portrayal]),
  );
  for (const a of doc.actors) {
    same(
      `mentions of ${a.id}`,
      all('SELECT exact, start, "end" FROM actor_mentions WHERE article_id = ? AND actor_id = ? ORDER BY start', id, a.id),
      expectedMentions(doc.body, [a.name, ...(a.aliases ?? [])]),
    );
  }

  const recs = all('SELECT * FROM recommendations WHERE article_id = ? ORDER BY ordinal', id);
  same(
    'recommendations',
    recs.map((r) => [r.id, r.addressee_id, r.statement, r.strength, r.priority, r.domain, JSON.parse(r.instruments), JSON.parse(r.against), r.evidence_exact, r.date_published]),
    doc.recommendations.map((r, i) => [`${id}.r${i + 1}`, r.addressee, r.statement, r.strength, r.priority, r.domain, r.instruments ?? [], r.against ?? [], r.evidence.exact, doc.datePublished]),
  );
  for (const r of recs) {
    same(`${r.id} evidence`, slice(doc.body, r.evidence_start, r.evidence_end), r.evidence_exact);
    same(
      `${r.id} partners`,
      all('SELECT actor_id FROM recommendation_partners WHERE recommendation_id = ? ORDER BY ordinal', r.id).map((p) => p.actor_id),
      doc.recommendations[r.ordinal]?.partners ?? [],
    );
  }
  const quotes = all('SELECT * FROM quotations WHERE article_id = ? ORDER BY ordinal', id);
  same(
    'quotations',
    quotes.map((q) => [q.id, q.source_id, q.kind, q.verb, q.claim, q.evidence_exact]),
    doc.quotations.map((q, i) => [`${id}.q${i + 1}`, q.source.id, q.kind, q.verb, q.claim, q.evidence.exact]),
  );
  for (const q of quotes) same(`${q.id} evidence`, slice(doc.body, q.evidence_start, q.evidence_end), q.evidence_exact);

  // Search: each row is found by its own words, so it is in its index.
  const indexed = (fts: string, seq: number, text: string) =>
    !!sqlite.prepare(`SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? AND rowid = ?`).get(phrase(text), seq);
  if (!indexed('articles_fts', article.seq, doc.headline)) faults.push(`${id}: not in articles_fts`);
  for (const r of recs) if (!indexed('recommendations_fts', r.seq, r.statement)) faults.push(`${r.id}: not in recommendations_fts`);
  for (const q of quotes) if (!indexed('quotations_fts', q.seq, q.claim)) faults.push(`${q.id}: not in quotations_fts`);

  // Materialized documents: present, and what the normalized rows build now.
  const rows = readArticleRows(drizzle(sqlite, { schema }), id);
  const stored = sqlite.prepare('SELECT * FROM article_documents WHERE article_id = ?').get(id) as Row | undefined;
  if (!stored || !rows) return [...faults, `${id}: no materialized document`];
  const built = documentsOf(rows);
  same('summary document', stored.summary, built.summary);
  same('summary counts', JSON.parse(built.summary).counts, { actors: doc.actors.length, recommendations: doc.recommendations.length, quotations: doc.quotations.length });
  same('actors document', stored.actors, built.actors);
  same('recommendations document', stored.recommendations, built.recommendations);
  same('quotations document', stored.quotations, built.quotations);
  const recommendationDocuments = new Map(built.recommendationDocuments);
  const quotationDocuments = new Map(built.quotationDocuments);
  same('recommendation documents', recs.map((r) => r.document), recs.map((r) => recommendationDocuments.get(r.id)));
  same('quotation documents', quotes.map((q) => q.document), quotes.map((q) => quotationDocuments.get(q.id)));
  return faults;
}

/**
 * Row counts of every article-owned table against what the present documents call for: a row
 * left behind by an article that is not there (or a duplicate) shows up as a surplus.
 */
export function rowCountFaults(sqlite: Database.Database, present: readonly IngestDocument[]): string[] {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  const sum = (f: (d: IngestDocument) => number) => present.reduce((n, d) => n + f(d), 0);
  const expected: Record<string, number> = {
    articles: present.length,
    article_documents: present.length,
    article_topics: sum((d) => d.topics.length),
    article_actors: sum((d) => d.actors.length),
    actor_mentions: sum((d) => d.actors.reduce((n, a) => n + expectedMentions(d.body, [a.name, ...(a.aliases ?? [])]).length, 0)),
    recommendations: sum((d) => d.recommendations.length),
    recommendation_partners: sum((d) => d.recommendations.reduce((n, r) => n + (r.partners?.length ?? 0), 0)),
    quotations: sum((d) => d.quotations.length),
  };
  return Object.entries(expected)
    .filter(([table, n]) => count(table) !== n)
    .map(([table, n]) => `${table}: ${count(table)} rows, expected ${n}`);
}
