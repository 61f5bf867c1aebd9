// From a reading to a draft ingest document an analyst reviews. The draft holds the candidates
// the reader is reasonably sure of and is built so that the ingest validation takes it as it is:
// every actor it points at is listed, actors the registry already holds keep their id, name and
// type (the draft never asks for an update), ids are slugs, priorities are unique.
import type { ActorInput, IngestDocument, ProvenanceInput, SourceInput } from '../schemas/ingest.js';
import { slugify, type KnownActor } from '../ingest/rules.js';
import type { ActorCandidate, Analysis, QuotationCandidate, RecommendationCandidate } from './reader.schemas.js';
import type { ReaderInput, Reading } from './types.js';

/** Candidates below this confidence stay out of the draft (they are still listed as candidates). */
export const DRAFT_CONFIDENCE = 0.5;

export type { KnownActor };

/** Every name and alias of the candidate actors: what a caller looks up in the registry before `toDraft`. */
export function candidateNames(reading: Reading): string[] {
  const names = new Set<string>();
  for (const a of reading.actors) for (const n of [a.name, ...a.aliases]) names.add(n);
  return [...names];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
/** A slug an ingest document takes: at most 120 characters (kept to 100 to leave room for "-2"). */
const slugId = (text: string, fallback: string) => slugify(text).slice(0, 100).replace(/-+$/, '') || fallback;
const lower = (s: string) => s.toLowerCase();

/** Every datum the draft keeps is the reader's, awaiting an analyst: assisted, not reviewed. */
const assisted = (c: { rule: string; confidence: number }): ProvenanceInput => ({
  method: 'assisted',
  ...(c.rule ? { rule: clip(c.rule, 100) } : {}),
  confidence: Math.min(1, Math.max(0, c.confidence)),
  reviewed: false,
});

export function toDraft(reading: Reading, input: ReaderInput, known: KnownActor[] = []): Analysis {
  const warnings = [...reading.warnings];
  const sure = <T extends { confidence: number }>(items: T[]) => items.filter((x) => x.confidence >= DRAFT_CONFIDENCE);
  // Every part must point at a listed actor; a reading is built that way, this only guards it.
  const listed = new Set(reading.actors.map((a) => a.id));
  const resolvable = (ids: string[]) => {
    const missing = ids.filter((id) => !listed.has(id));
    if (missing.length) warnings.push(`a candidate points at unlisted actor(s) ${missing.join(', ')} and was left out of the draft`);
    return !missing.length;
  };
  const recommendations = sure(reading.recommendations).filter(
    (r) => fits(r.evidence.exact, warnings) && resolvable([r.addressee, ...r.partners]),
  );
  const quotations = sure(reading.quotations).filter(
    (q) => fits(q.evidence.exact, warnings) && resolvable(q.source.actor ? [q.source.actor] : []),
  );

  // Actors: the sure ones and any a kept part points at, under their registry identity when known.
  const referenced = new Set<string>([
    ...recommendations.flatMap((r) => [r.addressee, ...r.partners]),
    ...quotations.flatMap((q) => (q.source.actor ? [q.source.actor] : [])),
  ]);
  const kept = reading.actors.filter((a) => a.confidence >= DRAFT_CONFIDENCE || referenced.has(a.id));
  const idOf = new Map<string, string>();
  const actors = new Map<string, ActorInput>();
  const knownIds = new Set(known.map((k) => k.id));
  for (const a of kept) {
    const match = known.find((k) => [k.name, ...k.aliases].some((n) => [a.name, ...a.aliases].some((m) => lower(m) === lower(n))));
    let id = match?.id ?? slugId(a.id, 'actor');
    // A new actor whose id the registry gives to someone else gets an id of its own.
    if (!match) for (let n = 2; knownIds.has(id) || (actors.has(id) && !sameActor(actors.get(id)!, a)); n++) id = `${slugId(a.id, 'actor')}-${n}`;
    idOf.set(a.id, id);
    const existing = actors.get(id);
    if (existing) {
      existing.aliases = mergeNames(existing.name, existing.aliases ?? [], [a.name, ...a.aliases]);
      existing.roles = [...new Set([...existing.roles, ...a.roles])];
      continue;
    }
    actors.set(id, {
      id,
      name: match?.name ?? clip(a.name, 200),
      type: match?.type ?? a.type,
      aliases: mergeNames(match?.name ?? a.name, [], [a.name, ...a.aliases]),
      roles: a.roles,
      portrayal: a.portrayal,
      provenance: assisted(a),
    });
  }
  const mapId = (id: string) => idOf.get(id) ?? id;

  // Priorities 1..n among the kept, in the reader's suggested order.
  const byRank = [...recommendations].sort((a, b) => a.priority - b.priority);
  const doc: IngestDocument = {
    headline: input.headline ?? derivedHeadline(input.body),
    kind: 'editorial',
    publication: input.publication ?? { id: 'unknown-publication', name: 'Unknown publication' },
    author: null,
    datePublished: input.datePublished ?? new Date().toISOString().slice(0, 10),
    language: input.language ?? 'en',
    url: null,
    topics: topicsOf(recommendations),
    body: input.body,
    actors: [...actors.values()],
    recommendations: recommendations.map((r) => ({
      addressee: mapId(r.addressee),
      statement: clip(r.statement, 1000),
      strength: r.strength,
      priority: byRank.indexOf(r) + 1,
      domain: r.domain,
      instruments: r.instruments.filter(Boolean).map((x) => clip(x, 300)).slice(0, 50),
      partners: [...new Set(r.partners.map(mapId))].filter((p) => p !== mapId(r.addressee)),
      against: r.against.filter(Boolean).map((x) => clip(x, 300)).slice(0, 50),
      evidence: anchorOf(r),
      provenance: assisted(r),
    })),
    quotations: quotations.map((q) => ({
      source: sourceOf(q, mapId),
      kind: q.kind,
      verb: clip(q.verb, 100),
      claim: clip(q.claim, 2000),
      evidence: anchorOf(q),
      provenance: assisted(q),
    })),
  };
  if (!input.publication) warnings.push('no publication given; the draft names an unknown publication');
  if (!input.headline) warnings.push('no headline given; the draft uses the first sentence');
  return { draft: doc, candidates: { actors: reading.actors, recommendations: reading.recommendations, quotations: reading.quotations }, warnings };
}

function fits(exact: string, warnings: string[]): boolean {
  if (exact.length <= 2000) return true;
  warnings.push(`a candidate of ${exact.length} characters is longer than an anchor may be and was left out of the draft`);
  return false;
}

function sameActor(input: ActorInput, candidate: ActorCandidate): boolean {
  return lower(input.name) === lower(candidate.name);
}

function mergeNames(name: string, existing: string[], incoming: string[]): string[] {
  const out = [...existing];
  for (const n of incoming) {
    if (!n || n.length > 200 || lower(n) === lower(name) || out.some((o) => lower(o) === lower(n))) continue;
    out.push(n);
  }
  return out.slice(0, 50);
}

function anchorOf(part: RecommendationCandidate | QuotationCandidate) {
  const { exact, prefix, suffix } = part.evidence;
  return { exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
}

function sourceOf(q: QuotationCandidate, mapId: (id: string) => string): SourceInput {
  const actor = q.source.actor ? mapId(q.source.actor) : undefined;
  return { id: actor ?? slugId(q.source.name, 'source'), name: clip(q.source.name, 300), type: q.source.type, ...(actor ? { actor } : {}) };
}

function topicsOf(recommendations: RecommendationCandidate[]): string[] {
  const topics = recommendations.map((r) => r.domain).filter((d) => d !== 'general');
  return [...new Set(topics)].slice(0, 10);
}

/** The first sentence, cut at a word boundary. */
export function derivedHeadline(body: string): string {
  const first = (/^[\s\S]*?[.!?](?=\s|$)/.exec(body.trim())?.[0] ?? body.trim()).replace(/\s+/g, ' ');
  if (first.length <= 120) return first || 'Untitled';
  return `${first.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}
