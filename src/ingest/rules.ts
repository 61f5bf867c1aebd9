// The rules an ingest document must keep beyond its shape, checked against its body and the
// registry: anchors that slice the body exactly, known actors, unique ranks and ids, no silent
// renames of registry entries. Pure: the store reads the registry snapshot (`registryKeys`) inside
// its write transaction and writes what `planArticle` returns.
import { createHash } from 'node:crypto';
import type { FieldError } from '../shared/errors.js';
import type { ActorTypes, SourceTypes } from '../schemas/common.js';
import { CodePoints, resolveAnchor, type Span } from './anchors.js';
import type { ActorInput, EvidenceInput, IngestDocument, ProvenanceInput, SourceInput } from '../schemas/ingest.js';
import { findMentions } from './mentions.js';
import { IngestError } from './validate.js';

/** Letters NFKD leaves whole that have a usual ASCII spelling. */
const ASCII_SPELLING: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h' };

/** Lowercase, without accents, with the letters above spelled in ASCII. */
const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðþłıħ]/g, (c) => ASCII_SPELLING[c]!);

export function slugify(text: string): string {
  return fold(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * An article's id when the document gives none: `<datePublished>-<slug of the headline>`, at most
 * 120 characters. The slug keeps the headline's letters and digits that have an ASCII spelling
 * (accents dropped, ß as ss). When the headline has letters or digits without one (Urdu, Arabic,
 * Devanagari, CJK…) or no word at all, `-h` and the first 8 hex digits of the SHA-256 of the
 * headline (NFC) end the id, so two headlines of one day get two ids and one headline always the
 * same: "سرحد اور حکمت عملی" of 2026-02-01 is `2026-02-01-h…`, "Pakistan اور India" is
 * `2026-02-01-pakistan-india-h…`.
 */
export function deriveArticleId(doc: Pick<IngestDocument, 'id' | 'datePublished' | 'headline'>): string {
  if (doc.id) return doc.id;
  const slug = slugify(doc.headline);
  const lossy = slug === '' || /[\p{L}\p{N}]/u.test(fold(doc.headline).replace(/[a-z0-9]/g, ''));
  const tag = lossy ? `-h${createHash('sha256').update(doc.headline.normalize('NFC')).digest('hex').slice(0, 8)}` : '';
  return `${doc.datePublished}-${slug}`.slice(0, 120 - tag.length).replace(/-+$/, '') + tag;
}

export const recommendationId = (articleId: string, index: number) => `${articleId}.r${index + 1}`;
export const quotationId = (articleId: string, index: number) => `${articleId}.q${index + 1}`;

/** Words as `wc -w` counts them: whitespace-separated tokens. */
export const countWords = (body: string) => body.split(/\s+/).filter(Boolean).length;

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameCaseless = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Adds aliases not already present (compared without case), leaving out the name itself. */
export function mergeAliases(name: string, existing: readonly string[], incoming: readonly string[]): string[] {
  const merged: string[] = [];
  for (const alias of [...existing, ...incoming]) {
    if (!sameCaseless(alias, name) && !merged.some((m) => sameCaseless(m, alias))) merged.push(alias);
  }
  return merged;
}


/** sha256 of the canonical document: an unchanged re-import is a no-op. */
export const contentHashOf = (doc: IngestDocument, id: string) =>
  createHash('sha256').update(stableStringify({ ...doc, id })).digest('hex');

/** `now`, or one millisecond after `previous` when the clock has not moved past it. */
export function laterOf(now: string, previous: string): string {
  const next = Date.parse(previous) + 1;
  return Date.parse(now) >= next ? now : new Date(next).toISOString();
}

export interface AnchoredPart {
  span: Span;
  evidence: EvidenceInput;
}

/** A registry entry as stored. */
export interface StoredActor {
  id: string;
  name: string;
  type: (typeof ActorTypes)[number];
  description: string | null;
  aliases: string[];
}

/** A registry entry as the assisted reader reconciles its candidates with it. */
export type KnownActor = Omit<StoredActor, 'description'>;

export interface StoredSource {
  id: string;
  name: string;
  type: (typeof SourceTypes)[number];
  description: string | null;
  actorId: string | null;
}

/** What the rules need to know of the stored data: the entries and ids the document names. */
export interface Registry {
  actors: ReadonlyMap<string, StoredActor>;
  sources: ReadonlyMap<string, StoredSource>;
  /** The article that owns each of the document's recommendation and quotation ids, where one does. */
  recommendationOwners: ReadonlyMap<string, string>;
  quotationOwners: ReadonlyMap<string, string>;
}

export const recommendationIdsOf = (articleId: string, doc: IngestDocument) =>
  doc.recommendations.map((r, i) => r.id ?? recommendationId(articleId, i));
export const quotationIdsOf = (articleId: string, doc: IngestDocument) =>
  doc.quotations.map((q, i) => q.id ?? quotationId(articleId, i));

/** The registry keys a document touches: what the store looks up before `planArticle`. */
export function registryKeys(articleId: string, doc: IngestDocument) {
  const actorIds = new Set<string>([
    ...doc.actors.map((a) => a.id),
    ...doc.recommendations.flatMap((r) => [r.addressee, ...(r.partners ?? [])]),
    ...doc.quotations.flatMap((q) => (q.source.actor ? [q.source.actor] : [])),
  ]);
  return {
    actorIds: [...actorIds],
    sourceIds: [...new Set(doc.quotations.map((q) => q.source.id))],
    recommendationIds: recommendationIdsOf(articleId, doc),
    quotationIds: quotationIdsOf(articleId, doc),
  };
}

export interface ArticleActorLink {
  actorId: string;
  roles: ActorInput['roles'];
  portrayal: ActorInput['portrayal'];
  /** As the document gives it; absent for an actor only its parts name (an analyst's, reviewed). */
  provenance?: ProvenanceInput;
  mentions: Array<Span & { exact: string }>;
}

export interface Plan {
  links: ArticleActorLink[];
  recommendationSpans: AnchoredPart[];
  quotationSpans: AnchoredPart[];
  recommendationIds: string[];
  quotationIds: string[];
  newActors: ActorInput[];
  updatedActors: Array<{ input: ActorInput; aliases: string[]; changed: boolean }>;
  sourcesToWrite: Array<{ input: SourceInput; exists: boolean }>;
  /** Known actors and sources whose shown name or type this write changes. */
  changedActors: string[];
  changedSources: string[];
}

/**
 * Every semantic check of a structurally valid document against its body and the registry
 * snapshot (read by the store inside the write transaction). Throws IngestError (422) listing
 * every broken rule; otherwise returns what to write.
 */
export function planArticle(articleId: string, doc: IngestDocument, registry: Registry): Plan {
  const errors: FieldError[] = [];
  const points = new CodePoints(doc.body);

  const anchor = (evidence: EvidenceInput, path: string): Span => {
    const found = resolveAnchor(points, evidence);
    if (found.ok) return found.span;
    errors.push({ path: `${path}/exact`, message: found.message });
    return { start: 0, end: 0 };
  };

  // Actors listed in the document, checked against each other and the registry.
  const docActors = new Map<string, ActorInput>();
  doc.actors.forEach((a, i) => {
    if (docActors.has(a.id)) errors.push({ path: `/actors/${i}/id`, message: `actor '${a.id}' is listed twice` });
    docActors.set(a.id, a);
  });
  const known = registry.actors;

  const newActors: ActorInput[] = [];
  const updatedActors: Plan['updatedActors'] = [];
  const changedActors: string[] = [];
  doc.actors.forEach((a, i) => {
    const stored = known.get(a.id);
    if (!stored) return void newActors.push(a);
    const changes = [
      a.name !== stored.name && `name '${stored.name}' -> '${a.name}'`,
      a.type !== stored.type && `type '${stored.type}' -> '${a.type}'`,
      a.description !== undefined && a.description !== stored.description && 'description',
    ].filter(Boolean);
    if (changes.length && !a.update) {
      errors.push({
        path: `/actors/${i}`,
        message: `actor '${a.id}' already exists as '${stored.name}' (${stored.type}); this document changes its ${changes.join(', ')}. Send "update": true to change it, or match the registry`,
      });
    }
    const aliases = mergeAliases(a.update ? a.name : stored.name, stored.aliases, a.aliases ?? []);
    const changed = (a.update && changes.length > 0) || aliases.length !== stored.aliases.length || aliases.some((x, i) => x !== stored.aliases[i]);
    updatedActors.push({ input: a, aliases, changed });
    if (a.update && (a.name !== stored.name || a.type !== stored.type)) changedActors.push(a.id);
  });

  // Parts and the actors they point at.
  const implicitRoles = new Map<string, Set<ActorInput['roles'][number]>>();
  const requireActor = (actorId: string, path: string, role: ActorInput['roles'][number]) => {
    if (!docActors.has(actorId) && !known.has(actorId)) {
      errors.push({ path, message: `actor '${actorId}' is neither listed in this document's actors nor known to the registry` });
    } else if (!docActors.has(actorId)) {
      implicitRoles.set(actorId, (implicitRoles.get(actorId) ?? new Set()).add(role));
    }
  };

  const priorities = new Map<number, number>();
  const recommendationSpans = doc.recommendations.map((r, i) => {
    requireActor(r.addressee, `/recommendations/${i}/addressee`, 'addressee');
    (r.partners ?? []).forEach((p, j) => requireActor(p, `/recommendations/${i}/partners/${j}`, 'partner'));
    const clash = priorities.get(r.priority);
    if (clash !== undefined) {
      errors.push({ path: `/recommendations/${i}/priority`, message: `priority ${r.priority} is already held by /recommendations/${clash}; ranks are unique within an article` });
    } else priorities.set(r.priority, i);
    return { span: anchor(r.evidence, `/recommendations/${i}/evidence`), evidence: r.evidence };
  });

  const docSources = new Map<string, { input: SourceInput; index: number }>();
  const quotationSpans = doc.quotations.map((q, i) => {
    const seen = docSources.get(q.source.id);
    if (seen && stableStringify(seen.input) !== stableStringify(q.source)) {
      errors.push({ path: `/quotations/${i}/source`, message: `source '${q.source.id}' differs from its definition at /quotations/${seen.index}/source` });
    } else if (!seen) docSources.set(q.source.id, { input: q.source, index: i });
    if (q.source.actor) requireActor(q.source.actor, `/quotations/${i}/source/actor`, 'source');
    return { span: anchor(q.evidence, `/quotations/${i}/evidence`), evidence: q.evidence };
  });

  const changedSources: string[] = [];
  const knownSources = registry.sources;
  const sourcesToWrite = [...docSources.values()].map(({ input, index }) => {
    const stored = knownSources.get(input.id);
    if (stored && !input.update) {
      const changes = [
        input.name !== stored.name && 'name',
        input.type !== stored.type && 'type',
        input.description !== undefined && input.description !== stored.description && 'description',
        input.actor !== undefined && input.actor !== stored.actorId && 'actor',
      ].filter(Boolean);
      if (changes.length) {
        errors.push({
          path: `/quotations/${index}/source`,
          message: `source '${input.id}' already exists as '${stored.name}' (${stored.type}); this document changes its ${changes.join(', ')}. Send "update": true to change it, or match the registry`,
        });
      }
    }
    if (stored && input.update && (input.name !== stored.name || (input.actor !== undefined && input.actor !== stored.actorId))) {
      changedSources.push(input.id);
    }
    return { input, exists: !!stored };
  });

  // Ids of parts: given or derived from the article id and position; unique everywhere.
  const recommendationIds = recommendationIdsOf(articleId, doc);
  const quotationIds = quotationIdsOf(articleId, doc);
  checkPartIds(articleId, recommendationIds, 'recommendations', registry.recommendationOwners, errors);
  checkPartIds(articleId, quotationIds, 'quotations', registry.quotationOwners, errors);

  // Rule and confidence are the assisted reader's: an analyst's datum carrying them is a mix-up.
  const checkProvenance = (provenance: ProvenanceInput | undefined, path: string, what: string) => {
    if (!provenance || provenance.method === 'assisted') return;
    const stray = (['rule', 'confidence'] as const).filter((field) => provenance[field] !== undefined);
    if (stray.length) {
      errors.push({
        path: `${path}/provenance`,
        message: `${what} is an analyst's (method 'analyst') but carries ${stray.join(' and ')}, which only an assisted datum has; remove ${stray.length > 1 ? 'them' : 'it'} or set method to 'assisted'`,
      });
    }
  };
  doc.actors.forEach((a, i) => checkProvenance(a.provenance, `/actors/${i}`, `actor '${a.id}'`));
  doc.recommendations.forEach((r, i) => checkProvenance(r.provenance, `/recommendations/${i}`, `recommendation '${recommendationIds[i]}'`));
  doc.quotations.forEach((q, i) => checkProvenance(q.provenance, `/quotations/${i}`, `quotation '${quotationIds[i]}'`));

  // Actor links: listed actors with their mentions, then referenced-only actors.
  const terms = new Map<string, string[]>();
  const links: ArticleActorLink[] = doc.actors.map((a, i) => {
    const link: ArticleActorLink = { actorId: a.id, roles: a.roles, portrayal: a.portrayal, provenance: a.provenance, mentions: [] };
    if (a.mentions) {
      link.mentions = a.mentions.map((m, j) => ({ exact: m.exact, ...anchor(m, `/actors/${i}/mentions/${j}`) }));
    } else {
      const stored = known.get(a.id);
      terms.set(a.id, [a.name, ...(a.aliases ?? []), ...(stored ? [stored.name, ...stored.aliases] : [])]);
    }
    return link;
  });
  for (const [actorId, roles] of implicitRoles) {
    const stored = known.get(actorId)!;
    links.push({ actorId, roles: [...roles], portrayal: 'neutral', mentions: [] });
    terms.set(actorId, [stored.name, ...stored.aliases]);
  }
  const byActor = new Map(links.map((l) => [l.actorId, l]));
  for (const m of findMentions(points, terms)) byActor.get(m.actorId)!.mentions.push(m);

  if (errors.length) {
    const first = errors[0]!;
    throw new IngestError(
      422,
      `The document breaks ${errors.length} rule(s); first: ${first.path}: ${first.message}.`,
      errors,
    );
  }
  return {
    links,
    recommendationSpans,
    quotationSpans,
    recommendationIds,
    quotationIds,
    newActors,
    updatedActors,
    sourcesToWrite,
    changedActors,
    changedSources,
  };
}

function checkPartIds(
  articleId: string,
  ids: string[],
  field: 'recommendations' | 'quotations',
  owners: ReadonlyMap<string, string>,
  errors: FieldError[],
) {
  const firstIndex = new Map<string, number>();
  ids.forEach((partId, i) => {
    if (firstIndex.has(partId)) errors.push({ path: `/${field}/${i}/id`, message: `id '${partId}' is used twice in this document` });
    else firstIndex.set(partId, i);
  });
  for (const [partId, i] of firstIndex) {
    const owner = owners.get(partId);
    if (owner !== undefined && owner !== articleId) {
      errors.push({ path: `/${field}/${i}/id`, message: `id '${partId}' belongs to article '${owner}'` });
    }
  }
}
