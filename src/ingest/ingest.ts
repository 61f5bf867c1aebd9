// The one validator and writer of articles. POST, PUT, the seed and the import command all come
// through here, so every article in the database has passed the same checks and every anchor
// slices its body exactly.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actorMentions,
  actors,
  articleActors,
  articles,
  articleTopics,
  publications,
  quotations,
  recommendationPartners,
  recommendations,
  sources,
} from '../../db/schema.js';
import { commonSchemas } from '../modules/common/common.schemas.js';
import { HttpProblem, describeSchemaErrors, type FieldError } from '../modules/common/errors.js';
import { CodePoints, resolveAnchor, type Span } from './anchors.js';
import { IngestDocument, ingestSchemas, type ActorInput, type EvidenceInput, type SourceInput } from './ingest.schemas.js';
import { articlesShowing, materializeArticle } from './documents.js';
import { insertRow, markWritten } from '../modules/common/statements.js';
import { findMentions } from './mentions.js';
import { indexActor, indexArticle, unindexActor, unindexArticle } from './search-index.js';

/** A document refused as a whole: 400 malformed, 409 id taken, 422 a broken rule. */
export class IngestError extends HttpProblem {
  declare readonly errors: FieldError[];

  constructor(status: 400 | 409 | 422, detail: string, errors: FieldError[] = []) {
    super(status, detail, errors);
    this.name = 'IngestError';
  }
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
addFormats(ajv);
for (const schema of [...commonSchemas, ...ingestSchemas]) ajv.addSchema(schema);
const validateShape = ajv.getSchema<IngestDocument>(IngestDocument.$id!)!;

/**
 * A Fastify validator compiler on this module's strict ajv (no coercion, no defaults, no
 * stripping), so the write routes validate exactly as the seed and import commands do.
 */
export function strictValidatorCompiler({ schema }: { schema: unknown }) {
  const id = (schema as { $id?: string }).$id;
  return (id && ajv.getSchema(id)) || ajv.compile(schema as object);
}

/** Structural validation (types, required fields, no unknown fields): 400 on failure. */
export function validateIngestDocument(input: unknown): IngestDocument {
  if (validateShape(input)) return input as IngestDocument;
  const errors = describeSchemaErrors(validateShape.errors ?? []);
  throw new IngestError(400, `The ingest document is malformed: ${errors[0]?.path || '/'} ${errors[0]?.message}.`, errors);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function deriveArticleId(doc: Pick<IngestDocument, 'id' | 'datePublished' | 'headline'>): string {
  return doc.id ?? `${doc.datePublished}-${slugify(doc.headline)}`.slice(0, 120).replace(/-+$/, '');
}

export const recommendationId = (articleId: string, index: number) => `${articleId}.r${index + 1}`;
export const quotationId = (articleId: string, index: number) => `${articleId}.q${index + 1}`;

/** Words as `wc -w` counts them: whitespace-separated tokens. */
export const countWords = (body: string) => body.split(/\s+/).filter(Boolean).length;

function stableStringify(value: unknown): string {
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

export type IngestMode = 'create' | 'replace' | 'upsert';

export interface IngestResult {
  id: string;
  /** created: new article; replaced: an existing one rewritten; unchanged: identical document. */
  outcome: 'created' | 'replaced' | 'unchanged';
}

interface AnchoredPart {
  span: Span;
  evidence: EvidenceInput;
}

export interface WriteOptions {
  /** The time recorded as updatedAt (and createdAt for a new article). */
  now?: string;
  /**
   * Runs first inside the write transaction (on the same connection), with the article's id and
   * whether it exists; throw to refuse the write. The write API uses it to honour If-Match
   * without a race.
   */
  precondition?: (id: string, exists: boolean) => void;
  /**
   * Runs last inside the write transaction, once the article is written: what it reads is the
   * article as written, whatever another process does next. The write API reads its answer here.
   */
  written?: (id: string) => void;
}

/**
 * Checks a structurally valid document against the body and the registry, then writes the article
 * and all its parts in one BEGIN IMMEDIATE transaction. Throws IngestError (409/422) and writes
 * nothing when any check fails.
 *
 * - create: refuses an id that exists (409)
 * - replace and upsert: rewrite an existing article; upsert skips an identical document
 */
export function ingestArticle(db: Db, doc: IngestDocument, mode: IngestMode, options: WriteOptions = {}): IngestResult {
  try {
    return db.transaction(
      (tx) => {
        const result = writeDocument(tx, doc, mode, options);
        options.written?.(result.id);
        return result;
      },
      { behavior: 'immediate' },
    );
  } finally {
    markWritten(db);
  }
}

/**
 * Many documents in one BEGIN IMMEDIATE transaction, each inside its own savepoint: a refused
 * document rolls back alone (its error is returned in its place) and the others land together.
 * The import command and the benchmark corpus use it to spare a commit per article; a crash
 * loses the uncommitted batch whole, never part of an article.
 */
export function ingestArticles(
  db: Db,
  docs: IngestDocument[],
  mode: IngestMode,
  nowOf?: (doc: IngestDocument) => string,
): Array<IngestResult | Error> {
  try {
    return writeBatch(db, docs, mode, nowOf);
  } finally {
    markWritten(db);
  }
}

function writeBatch(
  db: Db,
  docs: IngestDocument[],
  mode: IngestMode,
  nowOf?: (doc: IngestDocument) => string,
): Array<IngestResult | Error> {
  return db.transaction(
    (tx) =>
      docs.map((doc) => {
        try {
          return tx.transaction((savepoint) => writeDocument(savepoint, doc, mode, { now: nowOf?.(doc) }));
        } catch (err) {
          return err instanceof Error ? err : new Error(String(err));
        }
      }),
    { behavior: 'immediate' },
  );
}

function writeDocument(tx: Db, doc: IngestDocument, mode: IngestMode, options: WriteOptions): IngestResult {
  const { now = new Date().toISOString(), precondition } = options;
  const id = deriveArticleId(doc);
  const contentHash = createHash('sha256').update(stableStringify({ ...doc, id })).digest('hex');
  const existing = tx
    .select({ createdAt: articles.createdAt, updatedAt: articles.updatedAt, contentHash: articles.contentHash })
    .from(articles)
    .where(eq(articles.id, id))
    .get();
  precondition?.(id, !!existing);
  if (existing && mode === 'create') {
    throw new IngestError(409, `An article with the id '${id}' already exists; use PUT to replace it.`, [
      { path: doc.id ? '/id' : '/headline', message: `id '${id}' is taken` },
    ]);
  }
  if (existing && mode === 'upsert' && existing.contentHash === contentHash) return { id, outcome: 'unchanged' };

  const plan = planArticle(tx, id, doc);
  // Every write moves updatedAt forward, even within one millisecond, so the article's ETag
  // (which If-Match compares) changes with every version.
  const updatedAt = existing ? laterOf(now, existing.updatedAt) : now;
  const renamedPublication = writeArticle(tx, id, doc, plan, {
    contentHash,
    now: updatedAt,
    createdAt: existing?.createdAt ?? now,
    replace: !!existing,
  });
  const affected = articlesShowing(tx, {
    actors: plan.changedActors,
    sources: plan.changedSources,
    publication: renamedPublication ? doc.publication.id : undefined,
  });
  for (const articleId of new Set([id, ...affected])) materializeArticle(tx, articleId);
  return { id, outcome: existing ? 'replaced' : 'created' };
}

/** `now`, or one millisecond after `previous` when the clock has not moved past it. */
function laterOf(now: string, previous: string): string {
  const next = Date.parse(previous) + 1;
  return Date.parse(now) >= next ? now : new Date(next).toISOString();
}

/**
 * Deletes an article and, by cascade, all its parts, in one BEGIN IMMEDIATE transaction. Actors,
 * sources and publications stay. Returns false when there was no such article.
 */
export function deleteArticle(db: Db, id: string, options: Pick<WriteOptions, 'precondition'> = {}): boolean {
  try {
    return removeArticle(db, id, options);
  } finally {
    markWritten(db);
  }
}

function removeArticle(db: Db, id: string, options: Pick<WriteOptions, 'precondition'>): boolean {
  return db.transaction(
    (tx) => {
      const exists = !!tx.select({ id: articles.id }).from(articles).where(eq(articles.id, id)).get();
      options.precondition?.(id, exists);
      if (!exists) return false;
      unindexArticle(tx, id);
      return tx.delete(articles).where(eq(articles.id, id)).run().changes === 1;
    },
    { behavior: 'immediate' },
  );
}

interface ArticleActorLink {
  actorId: string;
  roles: string[];
  portrayal: string;
  mentions: Array<Span & { exact: string }>;
}

interface Plan {
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

/** Every semantic check, reading the registry inside the write transaction. */
function planArticle(tx: Db, articleId: string, doc: IngestDocument): Plan {
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
  const referenced = new Set<string>([
    ...doc.recommendations.flatMap((r) => [r.addressee, ...(r.partners ?? [])]),
    ...doc.quotations.flatMap((q) => (q.source.actor ? [q.source.actor] : [])),
  ]);
  const lookupIds = [...new Set([...docActors.keys(), ...referenced])];
  const known = new Map(
    (lookupIds.length ? tx.select().from(actors).where(inArray(actors.id, lookupIds)).all() : []).map((a) => [a.id, a]),
  );

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
  const implicitRoles = new Map<string, Set<string>>();
  const requireActor = (actorId: string, path: string, role: string) => {
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

  const sourceIds = [...docSources.keys()];
  const changedSources: string[] = [];
  const knownSources = new Map(
    (sourceIds.length ? tx.select().from(sources).where(inArray(sources.id, sourceIds)).all() : []).map((s) => [s.id, s]),
  );
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
  const recommendationIds = doc.recommendations.map((r, i) => r.id ?? recommendationId(articleId, i));
  const quotationIds = doc.quotations.map((q, i) => q.id ?? quotationId(articleId, i));
  checkPartIds(tx, articleId, recommendationIds, 'recommendations', errors);
  checkPartIds(tx, articleId, quotationIds, 'quotations', errors);

  // Actor links: listed actors with their mentions, then referenced-only actors.
  const terms = new Map<string, string[]>();
  const links: ArticleActorLink[] = doc.actors.map((a, i) => {
    const link: ArticleActorLink = { actorId: a.id, roles: a.roles, portrayal: a.portrayal, mentions: [] };
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
  tx: Db,
  articleId: string,
  ids: string[],
  field: 'recommendations' | 'quotations',
  errors: FieldError[],
) {
  const firstIndex = new Map<string, number>();
  ids.forEach((partId, i) => {
    if (firstIndex.has(partId)) errors.push({ path: `/${field}/${i}/id`, message: `id '${partId}' is used twice in this document` });
    else firstIndex.set(partId, i);
  });
  if (ids.length === 0) return;
  const table = field === 'recommendations' ? recommendations : quotations;
  const taken = tx
    .select({ id: table.id, articleId: table.articleId })
    .from(table)
    .where(and(inArray(table.id, ids), ne(table.articleId, articleId)))
    .all();
  for (const t of taken) {
    errors.push({ path: `/${field}/${firstIndex.get(t.id)}/id`, message: `id '${t.id}' belongs to article '${t.articleId}'` });
  }
}

function writeArticle(
  tx: Db,
  id: string,
  doc: IngestDocument,
  plan: Plan,
  meta: { contentHash: string; now: string; createdAt: string; replace: boolean },
): boolean {
  const { now } = meta;
  const previous = tx.select({ name: publications.name }).from(publications).where(eq(publications.id, doc.publication.id)).get();
  tx.insert(publications)
    .values({ id: doc.publication.id, name: doc.publication.name, url: doc.publication.url ?? null })
    .onConflictDoUpdate({
      target: publications.id,
      set: { name: doc.publication.name, ...(doc.publication.url !== undefined ? { url: doc.publication.url } : {}) },
    })
    .run();

  for (const a of plan.newActors) {
    tx.insert(actors)
      .values({
        id: a.id,
        name: a.name,
        type: a.type,
        description: a.description ?? null,
        aliases: mergeAliases(a.name, [], a.aliases ?? []),
        createdAt: now,
        updatedAt: now,
      })
      .run();
    indexActor(tx, a.id);
  }
  for (const { input: a, aliases, changed } of plan.updatedActors) {
    if (!changed) continue; // the registry already says all this document says
    const fields = a.update
      ? { name: a.name, type: a.type, ...(a.description !== undefined ? { description: a.description } : {}) }
      : {};
    unindexActor(tx, a.id);
    tx.update(actors).set({ ...fields, aliases, updatedAt: now }).where(eq(actors.id, a.id)).run();
    indexActor(tx, a.id);
  }

  for (const { input: s, exists } of plan.sourcesToWrite) {
    const fields = {
      name: s.name,
      type: s.type,
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.actor !== undefined ? { actorId: s.actor } : {}),
    };
    if (!exists) tx.insert(sources).values({ id: s.id, ...fields, createdAt: now, updatedAt: now }).run();
    else if (s.update) tx.update(sources).set({ ...fields, updatedAt: now }).where(eq(sources.id, s.id)).run();
  }

  // A replacement drops the old parts (by cascade) and writes the new ones.
  if (meta.replace) {
    unindexArticle(tx, id);
    tx.delete(articles).where(eq(articles.id, id)).run();
  }
  insertRow(tx, articles, {
    id,
    headline: doc.headline,
    kind: doc.kind,
    publicationId: doc.publication.id,
    author: doc.author,
    datePublished: doc.datePublished,
    language: doc.language,
    url: doc.url,
    body: doc.body,
    wordCount: countWords(doc.body),
    contentHash: meta.contentHash,
    createdAt: meta.createdAt,
    updatedAt: now,
  });
  doc.topics.forEach((topic, ordinal) => insertRow(tx, articleTopics, { articleId: id, topic, ordinal }));
  plan.links.forEach((l, ordinal) => {
    insertRow(tx, articleActors, { articleId: id, actorId: l.actorId, ordinal, roles: l.roles, portrayal: l.portrayal });
    for (const m of l.mentions) {
      insertRow(tx, actorMentions, { articleId: id, actorId: l.actorId, exact: m.exact, start: m.start, end: m.end });
    }
  });

  const evidenceColumns = ({ span, evidence }: AnchoredPart) => ({
    evidenceExact: evidence.exact,
    evidencePrefix: evidence.prefix ?? null,
    evidenceSuffix: evidence.suffix ?? null,
    evidenceStart: span.start,
    evidenceEnd: span.end,
  });
  doc.recommendations.forEach((r, ordinal) => {
    const recId = plan.recommendationIds[ordinal]!;
    insertRow(tx, recommendations, {
      id: recId,
      articleId: id,
      datePublished: doc.datePublished,
      ordinal,
      addresseeId: r.addressee,
      statement: r.statement,
      strength: r.strength,
      priority: r.priority,
      domain: r.domain,
      instruments: r.instruments ?? [],
      against: r.against ?? [],
      ...evidenceColumns(plan.recommendationSpans[ordinal]!),
    });
    (r.partners ?? []).forEach((actorId, i) => insertRow(tx, recommendationPartners, { recommendationId: recId, actorId, ordinal: i }));
  });
  doc.quotations.forEach((q, ordinal) => {
    insertRow(tx, quotations, {
      id: plan.quotationIds[ordinal]!,
      articleId: id,
      datePublished: doc.datePublished,
      ordinal,
      sourceId: q.source.id,
      kind: q.kind,
      verb: q.verb,
      claim: q.claim,
      ...evidenceColumns(plan.quotationSpans[ordinal]!),
    });
  });
  indexArticle(tx, id);
  return !!previous && previous.name !== doc.publication.name;
}
