// The workbench's state: the article's metadata and text, and one review item per actor,
// recommendation and quotation, whether the reader proposed it, the article already held it, or the
// analyst added it. The document sent to the API is computed from the items (toDocument).
import type { Analysis } from '../reader/reader.schemas.js';
import type { ActorInput, IngestDocument } from '../schemas/ingest.js';
import { Offsets, anchorOf, locate, slugify, type Span } from './anchors.js';
import { decidedFrom, withProvenance, type Decided, type Provenance } from './provenance.js';

export type RecommendationInput = IngestDocument['recommendations'][number];
export type QuotationInput = IngestDocument['quotations'][number];
export type { ActorInput };
export type Kind = 'actor' | 'recommendation' | 'quotation';
export type Meta = Omit<IngestDocument, 'actors' | 'recommendations' | 'quotations'>;

export interface Alternative {
  addressee: string;
  confidence: number;
  rule: string;
}

export interface Item extends Decided {
  uid: string;
  kind: Kind;
  /** Part of the document unless rejected: what was in the reader's draft, or decided, or stored. */
  inDraft: boolean;
  /** Where it stands in the body, in code points (the first mention for an actor). */
  spans: Span[];
  alternatives: Alternative[];
  actor?: ActorInput;
  recommendation?: RecommendationInput;
  quotation?: QuotationInput;
  errors: string[];
}

export interface State {
  articleId?: string;
  /** The ETag of GET /v1/articles/{articleId}: what a replacement sends as If-Match. */
  etag?: string;
  meta: Meta;
  items: Item[];
}

let counter = 0;
const uid = (kind: Kind) => `${kind[0]}${++counter}`;

/** What every item the reader proposed starts as: undecided, with the rule and confidence it came from. */
const proposed = (kind: Kind, inDraft: boolean, spans: Span[], from?: { rule: string; confidence: number }) => ({
  uid: uid(kind),
  kind,
  method: 'assisted' as const,
  status: 'pending' as const,
  inDraft,
  rule: from?.rule,
  confidence: from?.confidence,
  spans,
  errors: [],
});

/** A candidate's anchor as the ingest document takes it (the reader already chose prefix/suffix). */
const candidateAnchor = ({ exact, prefix, suffix }: { exact: string; prefix?: string; suffix?: string }) => ({
  exact,
  ...(prefix ? { prefix } : {}),
  ...(suffix ? { suffix } : {}),
});

export const LOW_CONFIDENCE = 0.7;
export const isLow = (item: Item) => item.method === 'assisted' && item.status === 'pending' && (item.confidence ?? 1) < LOW_CONFIDENCE;
export const included = (item: Item) => item.status === 'accepted' || (item.status === 'pending' && item.inDraft);

const lower = (s: string) => s.toLowerCase();
const sameAnchor = (a: { exact: string; prefix?: string; suffix?: string }, b: { exact: string; prefix?: string; suffix?: string }) =>
  a.exact === b.exact && (a.prefix ?? '') === (b.prefix ?? '') && (a.suffix ?? '') === (b.suffix ?? '');

/** A new editorial, from the answer of POST /v1/analyze: the draft's parts and the reader's other candidates. */
export function fromAnalysis(analysis: Analysis): State {
  const { draft, candidates } = analysis;
  const { actors: _a, recommendations: _r, quotations: _q, ...meta } = draft;
  const items: Item[] = [];
  // Reader ids -> the draft's ids (the draft renames actors the registry already knows).
  const actorIdOf = new Map<string, string>();
  for (const c of candidates.actors) {
    const names = [c.name, ...c.aliases].map(lower);
    const match = draft.actors.find((a) => [a.name, ...(a.aliases ?? [])].some((n) => names.includes(lower(n))));
    if (match) actorIdOf.set(c.id, match.id);
  }
  const mapId = (id: string) => actorIdOf.get(id) ?? id;

  for (const a of draft.actors) {
    const found = candidates.actors.filter((c) => actorIdOf.get(c.id) === a.id);
    const best = found.sort((x, y) => y.confidence - x.confidence)[0];
    const spans = found.flatMap((c) => (c.evidence ? [{ start: c.evidence.start, end: c.evidence.end }] : []));
    items.push({ ...proposed('actor', true, spans, best), alternatives: [], actor: a });
  }
  for (const c of candidates.actors) {
    if (actorIdOf.has(c.id)) continue;
    items.push({
      ...proposed('actor', false, c.evidence ? [{ start: c.evidence.start, end: c.evidence.end }] : [], c),
      alternatives: [],
      actor: { id: c.id, name: c.name, type: c.type, aliases: c.aliases.filter((n) => lower(n) !== lower(c.name)), roles: c.roles, portrayal: c.portrayal },
    });
  }

  let nextPriority = Math.max(0, ...draft.recommendations.map((r) => r.priority)) + 1;
  for (const c of candidates.recommendations) {
    const inDraft = draft.recommendations.find((r) => sameAnchor(r.evidence, c.evidence));
    items.push({
      ...proposed('recommendation', !!inDraft, [{ start: c.evidence.start, end: c.evidence.end }], c),
      alternatives: (c.alternatives ?? []).map((a) => ({ ...a, addressee: mapId(a.addressee) })),
      recommendation: inDraft ?? {
        addressee: mapId(c.addressee),
        statement: c.statement,
        strength: c.strength,
        priority: nextPriority++,
        domain: c.domain,
        instruments: c.instruments,
        partners: c.partners.map(mapId),
        against: c.against,
        evidence: candidateAnchor(c.evidence),
      },
    });
  }
  for (const c of candidates.quotations) {
    const inDraft = draft.quotations.find((q) => sameAnchor(q.evidence, c.evidence));
    const actor = c.source.actor ? mapId(c.source.actor) : undefined;
    items.push({
      ...proposed('quotation', !!inDraft, [{ start: c.evidence.start, end: c.evidence.end }], c),
      alternatives: [],
      quotation: inDraft ?? {
        source: { id: actor ?? c.source.id, name: c.source.name, type: c.source.type, ...(actor ? { actor } : {}) },
        kind: c.kind,
        verb: c.verb,
        claim: c.claim,
        evidence: candidateAnchor(c.evidence),
      },
    });
  }
  return { meta, items };
}

/** A stored recommendation or quotation: its provenance and where it stands. */
interface Stored {
  provenance?: Partial<Provenance>;
  evidence: { exact: string; start: number; end: number };
}

/** What GET /v1/articles/{id}?include=body,actors,recommendations,quotations answers (the parts used here). */
export interface ArticleJson {
  id: string;
  headline: string;
  kind: IngestDocument['kind'];
  publication: { id: string; name: string; url?: string | null };
  author: string | null;
  datePublished: string;
  language: string;
  url: string | null;
  topics: string[];
  updatedAt: string;
  body: string;
  actors: Array<{
    id: string;
    name: string;
    type: ActorInput['type'];
    roles: ActorInput['roles'];
    portrayal: ActorInput['portrayal'];
    mentions: Array<{ exact: string; start: number; end: number }>;
    provenance?: Partial<Provenance>;
  }>;
  recommendations: Array<{
    id: string;
    addressee: { id: string; name: string };
    statement: string;
    strength: RecommendationInput['strength'];
    priority: number;
    domain: string;
    instruments: string[];
    partners: Array<{ id: string; name: string }>;
    against: string[];
    evidence: { exact: string; start: number; end: number };
    provenance?: Partial<Provenance>;
  }>;
  quotations: Array<{
    id: string;
    source: { id: string; name: string };
    kind: QuotationInput['kind'];
    verb: string;
    claim: string;
    evidence: { exact: string; start: number; end: number };
    provenance?: Partial<Provenance>;
  }>;
}

export interface SourceJson {
  id: string;
  name: string;
  type: QuotationInput['source']['type'];
  actor?: { id: string } | null;
}

/** An existing article, with its sources as the registry holds them, into review items. */
export function fromArticle(article: ArticleJson, sources: Map<string, SourceJson>, etag: string): State {
  const offsets = new Offsets(article.body);
  const anchor = (e: { start: number; end: number }) => anchorOf(article.body, offsets.utf16(e.start), offsets.utf16(e.end));
  const stored = (s: Stored, kind: Kind, part: Partial<Item>): Item => ({
    uid: uid(kind),
    kind,
    ...decidedFrom(s.provenance),
    inDraft: true,
    spans: [{ start: s.evidence.start, end: s.evidence.end }],
    alternatives: [],
    errors: [],
    ...part,
  });
  const items: Item[] = [];
  for (const a of article.actors) {
    items.push({
      uid: uid('actor'),
      kind: 'actor',
      ...decidedFrom(a.provenance),
      inDraft: true,
      spans: a.mentions.map((m) => ({ start: m.start, end: m.end })),
      alternatives: [],
      errors: [],
      actor: { id: a.id, name: a.name, type: a.type, roles: a.roles, portrayal: a.portrayal, mentions: a.mentions.map(anchor) },
    });
  }
  for (const r of article.recommendations) {
    items.push(
      stored(r, 'recommendation', {
        recommendation: {
          id: r.id,
          addressee: r.addressee.id,
          statement: r.statement,
          strength: r.strength,
          priority: r.priority,
          domain: r.domain,
          instruments: r.instruments,
          partners: r.partners.map((p) => p.id),
          against: r.against,
          evidence: anchor(r.evidence),
        },
      }),
    );
  }
  for (const q of article.quotations) {
    const s = sources.get(q.source.id);
    items.push(
      stored(q, 'quotation', {
        quotation: {
          id: q.id,
          source: { id: q.source.id, name: s?.name ?? q.source.name, type: s?.type ?? 'organization', ...(s?.actor ? { actor: s.actor.id } : {}) },
          kind: q.kind,
          verb: q.verb,
          claim: q.claim,
          evidence: anchor(q.evidence),
        },
      }),
    );
  }
  const { id, headline, kind, publication, author, datePublished, language, url, topics, body } = article;
  return { articleId: id, etag, meta: { id, headline, kind, publication, author, datePublished, language, url, topics, body }, items };
}

/** The ingest document to send, and which item each part's JSON Pointer names. */
export function toDocument(state: State, takesProvenance: boolean): { doc: IngestDocument; owner: Map<string, string> } {
  const owner = new Map<string, string>();
  const take = <T extends object>(kind: Kind, field: 'actors' | 'recommendations' | 'quotations', pick: (i: Item) => T | undefined) =>
    state.items
      .filter((i) => i.kind === kind && included(i))
      .map((i, n) => {
        owner.set(`/${field}/${n}`, i.uid);
        return withProvenance(pick(i)!, i, takesProvenance);
      });
  const doc: IngestDocument = {
    ...state.meta,
    actors: take('actor', 'actors', (i) => i.actor),
    recommendations: take('recommendation', 'recommendations', (i) => i.recommendation),
    quotations: take('quotation', 'quotations', (i) => i.quotation),
  };
  return { doc, owner };
}

/** The item a problem's JSON Pointer names, if any. */
export function ownerOf(owner: Map<string, string>, path: string): string | undefined {
  const m = /^\/(actors|recommendations|quotations)\/\d+/.exec(path);
  return m ? owner.get(m[0]) : undefined;
}

/** A part the analyst adds from words selected in the body (UTF-16 indexes). */
export function addFromSelection(state: State, kind: Kind, start: number, end: number): Item {
  const body = state.meta.body;
  const evidence = anchorOf(body, start, end);
  const offsets = new Offsets(body);
  const span = { start: offsets.codePoint(start), end: offsets.codePoint(end) };
  const item: Item = { uid: uid(kind), kind, method: 'analyst', status: 'accepted', inDraft: true, spans: [span], alternatives: [], errors: [] };
  if (kind === 'recommendation') {
    const priorities = state.items.filter((i) => i.recommendation && included(i)).map((i) => i.recommendation!.priority);
    item.recommendation = {
      addressee: '',
      statement: evidence.exact.replace(/\s+/g, ' ').trim(),
      strength: /\bmust\b/i.test(evidence.exact) ? 'must' : /\bcould\b/i.test(evidence.exact) ? 'could' : 'should',
      priority: Math.max(0, ...priorities) + 1,
      domain: 'general',
      instruments: [],
      partners: [],
      against: [],
      evidence,
    };
  } else if (kind === 'quotation') {
    item.quotation = {
      source: { id: '', name: '', type: 'organization' },
      kind: /["“”]/.test(evidence.exact) ? 'direct' : 'indirect',
      verb: 'said',
      claim: evidence.exact.replace(/["“”]/g, '').replace(/\s+/g, ' ').trim(),
      evidence,
    };
  } else {
    const name = evidence.exact.replace(/\s+/g, ' ').trim();
    item.actor = { id: slugify(name) || 'actor', name, type: 'organization', roles: ['mentioned'], portrayal: 'neutral' };
  }
  state.items.push(item);
  return item;
}

/** Where an item's anchor stands now (code points), after an edit of its evidence. */
export function spanOf(body: string, anchor: { exact: string; prefix?: string; suffix?: string }): Span | undefined {
  const at = locate(body, anchor);
  if (!at) return undefined;
  const offsets = new Offsets(body);
  return { start: offsets.codePoint(at.start), end: offsets.codePoint(at.end) };
}

/** Every actor of the document the analyst may pick, by id. */
export function documentActors(state: State): ActorInput[] {
  return state.items.filter((i) => i.actor && i.status !== 'rejected').map((i) => i.actor!);
}

/** Adds an actor (from the registry or new) unless the document has it; gives it a role. */
export function ensureActor(state: State, actor: Pick<ActorInput, 'id' | 'name' | 'type'>, role: ActorInput['roles'][number]): Item {
  const existing = state.items.find((i) => i.actor?.id === actor.id);
  if (existing) {
    if (existing.status === 'rejected' || !existing.inDraft) existing.status = 'accepted';
    if (!existing.actor!.roles.includes(role)) existing.actor!.roles = [...existing.actor!.roles, role];
    return existing;
  }
  const item: Item = {
    uid: uid('actor'),
    kind: 'actor',
    method: 'analyst',
    status: 'accepted',
    inDraft: true,
    spans: [],
    alternatives: [],
    errors: [],
    actor: { id: actor.id, name: actor.name, type: actor.type, roles: [role], portrayal: 'neutral' },
  };
  state.items.push(item);
  return item;
}

/** Merges actor `from` into `into`: every reference moves, its names become aliases, it leaves the document. */
export function mergeActors(state: State, from: Item, into: Item): void {
  const a = from.actor!;
  const b = into.actor!;
  const names = new Set((b.aliases ?? []).map(lower));
  const aliases = [...(b.aliases ?? [])];
  for (const n of [a.name, ...(a.aliases ?? [])]) if (lower(n) !== lower(b.name) && !names.has(lower(n))) aliases.push(n);
  b.aliases = aliases;
  b.roles = [...new Set([...b.roles, ...a.roles])];
  if (a.mentions || b.mentions) b.mentions = [...(b.mentions ?? []), ...(a.mentions ?? [])];
  into.spans = [...into.spans, ...from.spans];
  for (const i of state.items) {
    const r = i.recommendation;
    if (r) {
      if (r.addressee === a.id) r.addressee = b.id;
      if (r.partners) r.partners = [...new Set(r.partners.map((p) => (p === a.id ? b.id : p)))].filter((p) => p !== r.addressee);
    }
    const q = i.quotation;
    if (q?.source.actor === a.id) q.source = { ...q.source, actor: b.id, ...(q.source.id === a.id ? { id: b.id, name: b.name } : {}) };
  }
  state.items = state.items.filter((i) => i !== from);
}
