// What an article's stored rows become, the same on every engine: the JSON documents the API
// serves (materialized at write time) and the ingest document that would recreate the article
// (export). Each engine reads the rows of one article (`ArticleRows`) its own way, inside its own
// transaction, and hands them here, so the served bytes cannot differ between engines.
import type {
  actorMentions,
  actors,
  articleActors,
  articles,
  publications,
  quotations,
  recommendationPartners,
  recommendations,
  sources,
} from '../../db/schema.js';
import { createHash } from 'node:crypto';
import { CodePoints, resolveAnchor } from '../ingest/anchors.js';
import type { ArticleActor } from '../schemas/actors.js';
import { ArticleIncludes, type Article, type ArticleInclude } from '../schemas/articles.js';
import type { Provenance } from '../schemas/common.js';
import type { EvidenceInput, IngestDocument, ProvenanceInput } from '../schemas/ingest.js';
import type { Quotation } from '../schemas/quotations.js';
import type { Recommendation } from '../schemas/recommendations.js';

/** Every stored row of one article, each list in the order its table keeps (ordinal or start). */
export interface ArticleRows {
  article: typeof articles.$inferSelect;
  publication: typeof publications.$inferSelect;
  topics: string[];
  links: Array<{ link: typeof articleActors.$inferSelect; actor: typeof actors.$inferSelect }>;
  mentions: Array<typeof actorMentions.$inferSelect>;
  recommendations: Array<typeof recommendations.$inferSelect>;
  partners: Array<typeof recommendationPartners.$inferSelect>;
  quotations: Array<{ quotation: typeof quotations.$inferSelect; source: typeof sources.$inferSelect }>;
  /** Names of the actors the recommendations address or name as partners. */
  actorNames: ReadonlyMap<string, string>;
}

/** The provenance columns that article actors, recommendations and quotations share. */
export interface ProvenanceColumns {
  provenanceMethod: Provenance['method'];
  provenanceRule: string | null;
  provenanceConfidence: number | null;
  provenanceReviewed: boolean;
}

/** A datum's provenance as every response shows it: all four fields, null where they do not apply. */
export const provenanceOf = (row: ProvenanceColumns): Provenance => ({
  method: row.provenanceMethod,
  rule: row.provenanceRule,
  confidence: row.provenanceConfidence,
  reviewed: row.provenanceReviewed,
});

/**
 * A datum's provenance as an exported ingest document writes it: only when it differs from the
 * default (an analyst's, reviewed), so the export of an article written without provenance is the
 * same document as before provenance existed.
 */
function provenanceInputOf(row: ProvenanceColumns): { provenance?: ProvenanceInput } {
  const { provenanceMethod: method, provenanceRule: rule, provenanceConfidence: confidence, provenanceReviewed: reviewed } = row;
  if (method === 'analyst' && reviewed && rule === null && confidence === null) return {};
  return { provenance: { method, ...(rule !== null ? { rule } : {}), ...(confidence !== null ? { confidence } : {}), reviewed } };
}

/** Code-unit order, the same in every engine and locale (SQLite's BINARY, PostgreSQL's "C"). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An article as GET /v1/articles/{id} serves it, with the included parts. */
export interface ArticleJson {
  /** The UTF-8 bytes sent. */
  json: Buffer;
  /** Its strong ETag, from the part digests stored at write time (no hashing per read). */
  etag: string;
  revision: number;
}

/** A stored document as an engine returns it: text, or its UTF-8 bytes (SQLite's CAST AS BLOB). */
type Stored = string | Buffer;
const bytes = (part: Stored) => (typeof part === 'string' ? Buffer.from(part) : part);
const LABELS = Object.fromEntries(ArticleIncludes.map((part) => [part, Buffer.from(`,"${part}":`)])) as Record<ArticleInclude, Buffer>;
const CLOSE = Buffer.from('}');

/**
 * The article as GET /v1/articles/{id} serves it: the stored summary with the included parts
 * spliced in, in the schema's key order, as bytes (the parts are never decoded and re-encoded).
 * The same for the live article and for a revision. `body` is the text itself; the others are
 * stored JSON.
 */
export function spliceArticle(summary: Stored, parts: Partial<Record<ArticleInclude, Stored | null>>, include: ReadonlySet<ArticleInclude>): Buffer {
  const head = bytes(summary);
  const pieces = [head.subarray(0, head.length - 1)];
  for (const part of ArticleIncludes) {
    if (!include.has(part)) continue;
    const value = parts[part]!;
    pieces.push(LABELS[part], part === 'body' ? Buffer.from(JSON.stringify(typeof value === 'string' ? value : value.toString())) : bytes(value));
  }
  pieces.push(CLOSE);
  return Buffer.concat(pieces);
}

/** A part's digest: enough of a SHA-256 to tell its versions apart. */
const digestOf = (json: string) => createHash('sha256').update(json).digest('base64url').slice(0, 22);

/** The stored digests of the summary and of each part, in that order, joined by dots. */
function digestsOf(summary: string, body: string, parts: Pick<ArticleDocuments, 'actors' | 'recommendations' | 'quotations'>): string {
  return [summary, JSON.stringify(body), parts.actors, parts.recommendations, parts.quotations].map(digestOf).join('.');
}

/**
 * The strong ETag of the article with these parts, from the digests stored with its documents:
 * it changes whenever any byte it covers does, and costs a hash of a few dozen bytes per read.
 */
export function articleEtag(digests: string, include: ReadonlySet<ArticleInclude>): string {
  const [summary, ...parts] = digests.split('.');
  const covered = [summary, ...ArticleIncludes.map((part, i) => (include.has(part) ? `${part}:${parts[i]}` : ''))].join('.');
  return `"${createHash('sha256').update(covered).digest('base64url').slice(0, 27)}"`;
}

/** The article's documents as stored JSON text: what GET serves, byte for byte. */
export interface ArticleDocuments {
  summary: string;
  /** What articleEtag covers: the digests of the summary, the body and each part. */
  digests: string;
  actors: string;
  recommendations: string;
  quotations: string;
  /** Each recommendation's and quotation's own document, by id. */
  recommendationDocuments: Array<[id: string, json: string]>;
  quotationDocuments: Array<[id: string, json: string]>;
}

export function documentsOf(rows: ArticleRows): ArticleDocuments {
  const { article, publication } = rows;
  const ref = { id: article.id, headline: article.headline, datePublished: article.datePublished };
  const evidence = (r: { evidenceExact: string; evidenceStart: number; evidenceEnd: number }) => ({
    exact: r.evidenceExact,
    start: r.evidenceStart,
    end: r.evidenceEnd,
  });
  const name = (id: string) => rows.actorNames.get(id) ?? id;

  const summary: Article = {
    id: article.id,
    headline: article.headline,
    kind: article.kind,
    publication: { id: publication.id, name: publication.name },
    author: article.author,
    datePublished: article.datePublished,
    language: article.language,
    url: article.url,
    wordCount: article.wordCount,
    topics: rows.topics,
    counts: { actors: rows.links.length, recommendations: rows.recommendations.length, quotations: rows.quotations.length },
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    // Last, so the migration that introduced it could append it to stored summaries.
    revision: article.revision,
  };
  const actorList: ArticleActor[] = rows.links.map(({ link, actor }) => ({
    id: actor.id,
    name: actor.name,
    type: actor.type,
    roles: link.roles,
    portrayal: link.portrayal,
    mentions: rows.mentions
      .filter((m) => m.actorId === actor.id)
      .map((m) => ({ exact: m.exact, start: m.start, end: m.end })),
    provenance: provenanceOf(link),
  }));
  const recommendationList: Recommendation[] = [...rows.recommendations]
    .sort((a, b) => a.priority - b.priority || byText(a.id, b.id))
    .map((r) => ({
      id: r.id,
      article: ref,
      addressee: { id: r.addresseeId, name: name(r.addresseeId) },
      statement: r.statement,
      strength: r.strength,
      priority: r.priority,
      domain: r.domain,
      instruments: r.instruments,
      partners: rows.partners.filter((p) => p.recommendationId === r.id).map((p) => ({ id: p.actorId, name: name(p.actorId) })),
      against: r.against,
      evidence: evidence(r),
      provenance: provenanceOf(r),
    }));
  const quotationList: Quotation[] = [...rows.quotations]
    .sort((a, b) => a.quotation.evidenceStart - b.quotation.evidenceStart || byText(a.quotation.id, b.quotation.id))
    .map(({ quotation: q, source: s }) => ({
      id: q.id,
      article: ref,
      source: { id: s.id, name: s.name },
      kind: q.kind,
      verb: q.verb,
      claim: q.claim,
      evidence: evidence(q),
      provenance: provenanceOf(q),
    }));
  const parts = {
    actors: JSON.stringify(actorList),
    recommendations: JSON.stringify(recommendationList),
    quotations: JSON.stringify(quotationList),
  };
  const summaryJson = JSON.stringify(summary);
  return {
    summary: summaryJson,
    digests: digestsOf(summaryJson, article.body, parts),
    ...parts,
    recommendationDocuments: recommendationList.map((r) => [r.id, JSON.stringify(r)]),
    quotationDocuments: quotationList.map((q) => [q.id, JSON.stringify(q)]),
  };
}

/**
 * The shortest evidence that singles out the words at code point `start`: `exact` alone when it
 * is unique, else with as much preceding (or, at the very start, following) text as it takes.
 */
function anchorAt(points: CodePoints, exact: string, start: number): EvidenceInput {
  if (resolveAnchor(points, { exact }).ok) return { exact };
  const chars = Array.from(points.text);
  const before = chars.slice(0, start).join('');
  const after = chars.slice(start + Array.from(exact).length).join('');
  for (let n = 8; ; n *= 2) {
    const context = before ? { prefix: before.slice(-n) } : { suffix: after.slice(0, n) };
    const found = resolveAnchor(points, { exact, ...context });
    const whole = (context.prefix ?? context.suffix ?? '').length >= (before || after).length;
    if ((found.ok && found.span.start === start) || whole) return { exact, ...context };
  }
}

/**
 * The inverse of ingest: the document that would recreate the article, with explicit ids,
 * mentions and anchors, so export -> import reproduces every GET (timestamps aside).
 */
export function ingestDocumentOf(rows: ArticleRows): IngestDocument {
  const { article, publication } = rows;
  const points = new CodePoints(article.body);
  const evidence = (e: { evidenceExact: string; evidencePrefix: string | null; evidenceSuffix: string | null }) => ({
    exact: e.evidenceExact,
    ...(e.evidencePrefix !== null ? { prefix: e.evidencePrefix } : {}),
    ...(e.evidenceSuffix !== null ? { suffix: e.evidenceSuffix } : {}),
  });
  return {
    id: article.id,
    headline: article.headline,
    kind: article.kind,
    publication: { id: publication.id, name: publication.name, url: publication.url },
    author: article.author,
    datePublished: article.datePublished,
    language: article.language,
    url: article.url,
    topics: rows.topics,
    body: article.body,
    actors: rows.links.map(({ link, actor }) => ({
      id: actor.id,
      name: actor.name,
      type: actor.type,
      description: actor.description,
      aliases: actor.aliases,
      roles: link.roles,
      portrayal: link.portrayal,
      ...provenanceInputOf(link),
      mentions: rows.mentions.filter((m) => m.actorId === actor.id).map((m) => anchorAt(points, m.exact, m.start)),
    })),
    recommendations: rows.recommendations.map((r) => ({
      id: r.id,
      addressee: r.addresseeId,
      statement: r.statement,
      strength: r.strength,
      priority: r.priority,
      domain: r.domain,
      instruments: r.instruments,
      partners: rows.partners.filter((p) => p.recommendationId === r.id).map((p) => p.actorId),
      against: r.against,
      evidence: evidence(r),
      ...provenanceInputOf(r),
    })),
    quotations: rows.quotations.map(({ quotation: q, source: s }) => ({
      id: q.id,
      source: { id: s.id, name: s.name, type: s.type, description: s.description, actor: s.actorId },
      kind: q.kind,
      verb: q.verb,
      claim: q.claim,
      evidence: evidence(q),
      ...provenanceInputOf(q),
    })),
  };
}
