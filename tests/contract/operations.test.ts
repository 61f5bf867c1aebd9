// Contract and property tests over the OpenAPI document the app serves. For every operation in
// it, fast-check (seeded) draws requests, valid and invalid, in path ids, query values, bodies and
// headers, and sends them to the real app. Every response must be one the document promises for
// that operation: a documented status with its media type, a body valid against its schema
// (openapi-backend, with fields the schema does not name refused), problem+json for every error,
// nothing that looks like a stack, never a 5xx. And the status must be the one the document and
// the database's state predict: 400 for what the schemas refuse, 401/403 for writes without a
// write key, 413/415 for bodies too large or not JSON, 404/409/412/422 from the stored articles.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { OpenAPIBackend } from 'openapi-backend';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deriveArticleId } from '../../src/ingest/rules.js';
import { ArticleIncludes } from '../../src/schemas/articles.js';
import { DEFAULT_LIMITS } from '../../src/shared/limits.js';
import { Slug } from '../../src/schemas/common.js';
import { getJson, ingest, testApp } from '../helpers/app.js';
import { indusOpEd, syntheticArticle } from '../helpers/fixtures.js';
import { HOSTILE_STRINGS, invalidValue, validValue, type JsonSchema, type SchemaContext } from '../helpers/schema-arbitrary.js';

// Thousands of requests through the whole app on a shared, loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

/** Change it to explore; failures print the seed and path that reproduce them. */
const SEED = 20260110;
const RUNS_PER_READ = 260;
const RUNS_PER_WRITE = 420;
const MIN_REQUESTS = 5000;

// A small body limit makes "too large" cheap to send; nothing valid here comes near it.
const BODY_LIMIT = 64 * 1024;
const app = await testApp({ bodyLimit: BODY_LIMIT });
await ingest(app, indusOpEd(), ...Array.from({ length: 6 }, (_, i) => syntheticArticle(i)));

const writeKey = await app.store.createKey('contract-writer', ['write']);
const readKey = await app.store.createKey('contract-reader', ['read']);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

const spec = (await getJson(app, '/openapi.json')).body;
const paths = spec.paths as Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
const operations: Operation[] = Object.entries(paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ ...op, parameters: op.parameters ?? [], method: method.toUpperCase(), path })),
);
const ctx: SchemaContext = { components: spec.components.schemas, maxLength: 24, maxItems: 3 };

// --- the response validator -----------------------------------------------------------------

/**
 * The document as the validator sees it: problem+json bodies validated like JSON ones (openapi-
 * backend only looks at application/json), and every object schema closed, so a field the
 * document does not name is a failure rather than silently allowed.
 */
function strictDefinition(doc: any): any {
  const close = (node: any): any => {
    if (Array.isArray(node)) return node.map(close);
    if (!node || typeof node !== 'object') return node;
    const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'examples' || k === 'example' ? v : close(v)]));
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  const copy = close(structuredClone(doc));
  for (const methods of Object.values<any>(copy.paths)) {
    for (const op of Object.values<any>(methods)) {
      for (const response of Object.values<any>(op.responses)) {
        const problem = response.content?.['application/problem+json'];
        if (problem && !response.content['application/json']) response.content['application/json'] = problem;
      }
    }
  }
  return copy;
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const api = new OpenAPIBackend({
  definition: strictDefinition(spec),
  quick: true,
  strict: false,
  customizeAjv: (ajv) => {
    addFormats(ajv);
    return ajv;
  },
});
await api.init();

const otherMediaValidators = new Map<string, ValidateFunction>();
/** A validator for a response's JSON media type other than application/json, objects closed as above. */
function otherMediaValidator(op: Operation, status: number, mediaType: string): ValidateFunction {
  const key = `${op.operationId} ${status} ${mediaType}`;
  let validate = otherMediaValidators.get(key);
  if (!validate) {
    const strict = strictDefinition(spec);
    const schema = strict.paths[op.path][op.method.toLowerCase()].responses[String(status)].content[mediaType].schema;
    validate = exact.compile({ ...schema, components: strict.components });
    otherMediaValidators.set(key, validate);
  }
  return validate;
}

const LEAKS = [/\n\s+at /, /\/work\//, /node_modules/, /\.[cm]?[jt]s:\d/, /SqliteError|SQLITE_[A-Z]/, /better-sqlite3|drizzle/i];

type Res = { statusCode: number; headers: Record<string, unknown>; body: string };

/** Everything the document promises about any response of `op`. */
function checkResponse(op: Operation, res: Res, label: string): void {
  const status = res.statusCode;
  const where = `${label} -> ${status} ${res.body.slice(0, 300)}`;
  expect(status, where).toBeLessThan(500);
  const documented = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  expect(documented, `${where}: status not documented for ${op.operationId}`).toBeDefined();
  if (!documented!.content) {
    expect(res.body, where).toBe('');
    if (status === 304) expect(res.headers.etag, where).toMatch(/^"[^"]+"$/);
    return;
  }
  const contentType = res.headers['content-type'];
  const mediaType = (typeof contentType === 'string' ? contentType : '').split(';')[0]!.trim();
  expect(Object.keys(documented!.content), where).toContain(mediaType);
  if (mediaType === 'text/csv') {
    // RFC 4180, parsed strictly: a header row, then records of as many fields.
    const rows = parseCsv<Record<string, string>>(res.body, { columns: true, relax_column_count: false, relax_quotes: false });
    expect(res.body.split('\r\n')[0], where).toMatch(/^id,/);
    expect(rows.every((row) => typeof row.id === 'string' && row.id !== ''), where).toBe(true);
    return;
  }
  const body = JSON.parse(res.body);
  if (mediaType === 'application/json' || mediaType === 'application/problem+json') {
    const { errors } = api.validateResponse(body, op.operationId, status);
    expect(errors, where).toBeNull();
  } else {
    // openapi-backend validates application/json only: the other JSON media types against their own schema.
    const validate = otherMediaValidator(op, status, mediaType);
    expect(validate(body) ? null : validate.errors, where).toBeNull();
  }
  if (status >= 400) {
    expect(mediaType, where).toBe('application/problem+json');
    expect(body, where).toMatchObject({
      type: expect.stringMatching(/^urn:editorial-data-api:problem:[a-z-]+$/),
      title: expect.stringMatching(/\S/),
      status,
      detail: expect.stringMatching(/\S.{9,}/),
    });
    for (const leak of LEAKS) expect(res.body, `${where}: leaks ${leak}`).not.toMatch(leak);
  }
}

// --- the oracle: which status the document and the database predict -------------------------

const addFormatsTo = (ajv: Ajv) => (addFormats(ajv), ajv);
/** As Fastify validates params and query strings: types coerced, defaults applied. */
const coercing = addFormatsTo(new Ajv({ coerceTypes: 'array', useDefaults: true, allErrors: true, strict: false }));
/** As the write routes validate bodies: nothing coerced. */
const exact = addFormatsTo(new Ajv({ allErrors: true, strict: false }));
const withComponents = (schema: JsonSchema) => ({ ...schema, components: spec.components });

function parametersSchema(op: Operation, where: 'path' | 'query'): JsonSchema {
  const params = op.parameters.filter((p) => p.in === where);
  return withComponents({
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  });
}

interface Validators {
  path: ValidateFunction;
  query: ValidateFunction;
  body?: ValidateFunction;
}
const validators = new Map<Operation, Validators>(
  operations.map((op) => {
    const body = op.requestBody?.content['application/json']?.schema;
    return [
      op,
      {
        path: coercing.compile(parametersSchema(op, 'path')),
        query: coercing.compile(parametersSchema(op, 'query')),
        body: body && exact.compile(withComponents(body)),
      },
    ];
  }),
);

/** Whether the resource a path parameter names is stored, asked of the repositories. */
const EXISTS: Record<string, (id: string) => Promise<boolean>> = {
  articleId: async (id) => (await app.store.articleJson(id)) !== undefined,
  actorId: (id) => app.store.actorExists(id),
  recommendationId: async (id) => (await app.store.recommendationJson(id)) !== undefined,
  quotationId: async (id) => (await app.store.quotationJson(id)) !== undefined,
  sourceId: async (id) => (await app.store.getSource(id)) !== undefined,
};

/**
 * Parameters whose schema cannot say everything: any search text or cursor that the schema
 * allows may still be one the server cannot understand (400, with words saying why), and
 * `include` lists known parts only.
 */
const SEARCHES = [
  'border',
  'technology',
  'border technology',
  '"regulated crossings"',
  'border*',
  'talks OR striking',
  'taliban -afghan',
  'pakistan',
  'Afghan',
  'synthetic',
  'window closing',
];
const KNOWN_GOOD: Record<string, (value: string) => boolean> = {
  q: (v) => SEARCHES.includes(v),
  cursor: () => false,
  include: (v) => v.split(',').every((p) => p.trim() === '' || (ArticleIncludes as readonly string[]).includes(p.trim())),
};

type Auth = 'write' | 'read' | 'none' | 'garbage';
type IfMatch = 'star' | 'current' | 'stale' | 'weak' | 'list-with-star';

interface Body {
  /** What is sent: JSON text, broken JSON, another media type, or nothing. */
  text: string;
  contentType?: string;
  /** The parsed document when `text` is JSON of one. */
  doc?: unknown;
  /** A document whose evidence is in its body and whose actors are consistent: no 422 expected. */
  sound?: boolean;
}

interface Plan {
  kind: string;
  /** Path parameter values, decoded; or `raw` segments sent as they are (random bytes). */
  pathIds: Record<string, string>;
  rawPath?: Record<string, string>;
  query: Array<[string, string]>;
  /** Appended to the query string unencoded (hostile or broken syntax); no precise prediction. */
  rawQuery?: string;
  headers: Record<string, string>;
  auth?: Auth;
  garbageAuth?: string;
  ifMatch?: IfMatch;
  /** `current`: GET the resource, then again with the ETag it came with. */
  ifNoneMatch?: string;
  /** The Accept header of a read, one of ACCEPTS. */
  accept?: string;
  /** GET a page, then the next one with its `nextCursor`. */
  followCursor?: boolean;
  body?: Body;
}

const STALE_ETAG = '"AAAAAAAAAAAAAAAAAAAAAAAAAAA"';

function segment(value: string): string {
  return encodeURIComponent(value);
}

function urlOf(op: Operation, plan: Plan): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => plan.rawPath?.[name] ?? segment(plan.pathIds[name]!));
  const query = plan.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (plan.rawQuery !== undefined) query.push(plan.rawQuery);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/**
 * The parsed query string as the server sees it: repeated keys become arrays, and a parameter the
 * document serializes as one comma-separated value (style form, explode false) is split into its
 * items (the API also ignores spaces around them and empty ones).
 */
function queryObject(op: Operation, pairs: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of pairs) {
    const old = out[k];
    out[k] = old === undefined ? v : Array.isArray(old) ? [...old, v] : [old, v];
  }
  for (const p of op.parameters) {
    const value = out[p.name];
    if (p.in !== 'query' || value === undefined || (p as { explode?: boolean }).explode !== false) continue;
    out[p.name] = [value].flat().join(',').split(',').map((w) => w.trim()).filter(Boolean);
  }
  return out;
}

function decodedPath(op: Operation, plan: Plan): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const p of op.parameters.filter((p) => p.in === 'path')) {
    const raw = plan.rawPath?.[p.name];
    if (raw === undefined) out[p.name] = plan.pathIds[p.name]!;
    else {
      try {
        out[p.name] = decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
  }
  return out;
}

function ifMatchHeader(kind: IfMatch | undefined, current: string | undefined): string | undefined {
  switch (kind) {
    case undefined:
      return undefined;
    case 'star':
      return '*';
    case 'current':
      return current ?? STALE_ETAG;
    case 'stale':
      return STALE_ETAG;
    case 'weak':
      return `W/${current ?? STALE_ETAG}`;
    case 'list-with-star':
      return `${STALE_ETAG}, *`;
  }
}

/** RFC 9110 If-Match with the strong comparison, which the document promises (412 otherwise). */
function ifMatchPasses(header: string | undefined, current: string | undefined): boolean {
  if (header === undefined) return true;
  const tags = header.split(',').map((t) => t.trim());
  return current !== undefined && (tags.includes('*') || tags.includes(current));
}

const JSON_MEDIA = /^\s*application\/json\s*(;|$)/i;
const PLAIN_MEDIA = /^\s*text\/plain\s*(;\s*charset=utf-?8\s*)?$/i;

/** What the reader answers a text: English with words in it is read (200), anything else is 422. */
const readable = (text: string, language?: string) =>
  (language === undefined || /^en\b/.test(language)) && /\p{L}{2,}/u.test(text) ? [200] : [422];

/**
 * The statuses the request may get, in the order the server checks: the router, the URL limit,
 * the key, the body's media type, size and syntax, the schemas, then the stored data. `undefined`
 * when only the general contract applies (raw, unparseable query strings).
 */
async function predict(op: Operation, plan: Plan, url: string, ifMatch: string | undefined): Promise<number[] | undefined> {
  const path = decodedPath(op, plan);
  if (!path) return [400];
  if (Object.values(plan.rawPath ?? {}).some((raw) => raw.length > 500)) return [414];
  if (op.parameters.some((p) => p.in === 'path' && segment(path[p.name]!).length > 500 && !plan.rawPath?.[p.name])) return [414];
  if (url.length > DEFAULT_LIMITS.maxUrlLength) return [414];
  // Negotiation (every read under /v1) comes before validation and lookups.
  if (negotiated(op) && plan.accept !== undefined && !ACCEPTS[plan.accept]!(offeredBy(op))) return [406];
  const write = op.method !== 'GET';
  // POST /v1/analyze takes a key of either scope, and plain text as well as JSON.
  const analyze = op.operationId === 'analyzeText';
  if (write && !(plan.auth === 'write' || (analyze && plan.auth === 'read'))) return [plan.auth === 'read' ? 403 : 401];
  if (plan.rawQuery !== undefined) return undefined;
  const body = plan.body;
  let plain = false;
  if (write && body && body.text !== '') {
    plain = analyze && PLAIN_MEDIA.test(body.contentType ?? '');
    if (!plain && (!body.contentType || !JSON_MEDIA.test(body.contentType))) return [415];
    if (Buffer.byteLength(body.text) > BODY_LIMIT) return [413];
    if (!plain && body.doc === undefined) return [400];
  }
  if (write && body?.text === '' && body.contentType) return [400];
  const v = validators.get(op)!;
  const query = structuredClone(queryObject(op, plan.query));
  if (!v.path(structuredClone(path)) || !v.query(query)) return [400];
  if (plain) return readable(body!.text);
  if (v.body && !v.body(body?.doc)) return [400];

  const loose = plan.query.some(([k, value]) => k in KNOWN_GOOD && !KNOWN_GOOD[k]!(value));
  const maybe400 = (statuses: number[]) => (loose ? [...statuses, 400] : statuses);
  const doc = body?.doc as { id?: string; headline: string; datePublished: string } | undefined;
  const sound = (statuses: number[]) => (body?.sound ? statuses : [...statuses, 422]);
  switch (op.method) {
    case 'GET': {
      const pathParameters = op.parameters.filter((p) => p.in === 'path');
      const revision = query.revision as number | undefined;
      let found = (await Promise.all(pathParameters.map((p) => EXISTS[p.name]!(path[p.name]!)))).every(Boolean);
      // Revisions outlive their article: they are found in the stored revisions, not the articles.
      if (op.operationId === 'listArticleRevisions') found = !!(await app.store.listRevisions(path.articleId!, { limit: 1 }));
      else if (revision !== undefined && path.articleId !== undefined) {
        const others = Object.keys(query).filter((k) => !['revision', 'limit', 'cursor', 'include'].includes(k) && !(k === 'sort' && query[k] === '-datePublished'));
        if (others.length) return [400];
        found = !!(await app.store.storedRevision(path.articleId, revision));
      }
      if (!found) return maybe400([404]);
      return maybe400([plan.ifNoneMatch === '*' ? 304 : 200]);
    }
    case 'POST':
      if (analyze) return readable((body?.doc as { body: string }).body, (body?.doc as { language?: string }).language);
      return (await EXISTS.articleId!(deriveArticleId(doc!))) ? [409] : sound([201]);
    case 'PUT': {
      const id = path.articleId!;
      if (doc!.id !== undefined && doc!.id !== id) return [422];
      const current = await app.store.articleJson(id);
      if (!ifMatchPasses(ifMatch, current?.etag)) return [412];
      return sound([current ? 200 : 201]);
    }
    case 'DELETE': {
      const current = await app.store.articleJson(path.articleId!);
      if (!ifMatchPasses(ifMatch, current?.etag)) return [412];
      return [current ? 204 : 404];
    }
  }
  throw new Error(`no prediction for ${op.method}`);
}

// --- sending ---------------------------------------------------------------------------------

let sent = 0;
const tally = new Map<string, number>();

async function send(op: Operation, plan: Plan): Promise<void> {
  const url = urlOf(op, plan);
  const headers: Record<string, string> = { ...plan.headers };
  if (plan.auth === 'write') headers.authorization = `Bearer ${writeKey}`;
  if (plan.auth === 'read') headers.authorization = `Bearer ${readKey}`;
  if (plan.auth === 'garbage') headers.authorization = plan.garbageAuth!;
  const path = decodedPath(op, plan);
  const current = path?.articleId !== undefined ? await app.store.articleJson(path.articleId) : undefined;
  const ifMatch = ifMatchHeader(plan.ifMatch, current?.etag);
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  if (plan.body?.contentType) headers['content-type'] = plan.body.contentType;
  if (plan.accept !== undefined) headers.accept = plan.accept;
  const cached = plan.ifNoneMatch === 'current';
  if (plan.ifNoneMatch !== undefined && !cached) headers['if-none-match'] = plan.ifNoneMatch;

  const expected = await predict(op, plan, url, ifMatch);
  const res = await app.inject({ method: op.method as 'GET', url, headers, ...(plan.body ? { payload: plan.body.text } : {}) });
  const shown = [plan.kind, op.method, url.slice(0, 300), JSON.stringify(headers).slice(0, 200), plan.body?.text.slice(0, 200)];
  const label = shown.filter(Boolean).join(' ');
  record(op, plan, res, label);
  if (expected) expect(expected, `${label} -> ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
  if (res.statusCode !== 200) return;
  const chosen = !negotiated(op) || plan.accept === undefined ? offeredBy(op)[0] : ACCEPTS[plan.accept]!(offeredBy(op));
  expect(String(res.headers['content-type']).split(';')[0], label).toBe(chosen);
  if (negotiated(op)) expect(String(res.headers.vary), label).toMatch(/\bAccept\b/);

  // Then as a client goes on: with the ETag it was sent (304), or to the next page (200).
  if (cached) {
    const again = await app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': String(res.headers.etag) } });
    record(op, plan, again, `${label} with its own ETag`);
    expect(again.statusCode, `${label} with its own ETag`).toBe(304);
  }
  // A JSON page names the next one in its body; a CSV page in its Link header.
  const link = typeof res.headers.link === 'string' ? res.headers.link.match(/^<([^>]+)>; rel="next"$/)?.[1] : undefined;
  const next = !plan.followCursor ? null : chosen === 'text/csv' ? link : (JSON.parse(res.body) as { page: { nextCursor: string | null } }).page.nextCursor;
  if (next) {
    const nextUrl = chosen === 'text/csv' ? next : `${url}&cursor=${encodeURIComponent(next)}`;
    const page = await app.inject({ method: 'GET', url: nextUrl, headers });
    record(op, plan, page, `${plan.kind} GET ${nextUrl}`);
    expect(page.statusCode, `${plan.kind} GET ${nextUrl} -> ${page.body.slice(0, 300)}`).toBe(200);
  }
}

/** Checks one response against the document and counts it. */
function record(op: Operation, plan: Plan, res: Res, label: string) {
  sent++;
  checkResponse(op, res, label);
  count(op, plan, res.statusCode);
}

/** Statuses per operation; per kind of request too, printed with CONTRACT_DEBUG=1. */
const byKind = new Map<string, number>();
function count(op: Operation, plan: Plan, status: number) {
  for (const [map, key] of [[tally, `${op.operationId} ${status}`], [byKind, `${op.operationId} ${plan.kind} ${status}`]] as const) {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

// --- what is drawn ---------------------------------------------------------------------------

type Pairs = Array<[string, string]>;

/** Real values, so that valid requests find rows (200) and not only 404s. */
async function idsOf(url: string): Promise<string[]> {
  return (await getJson(app, url)).body.data.map((d: { id: string }) => d.id);
}
const articleIds = await idsOf('/v1/articles?limit=100');
const actorIds = await idsOf('/v1/actors?limit=100');
const sourceIds = await idsOf('/v1/sources?limit=100');
const REAL: Record<string, string[]> = {
  articleId: articleIds,
  article: articleIds,
  actorId: actorIds,
  actor: actorIds,
  addressee: actorIds,
  partner: actorIds,
  recommendationId: await idsOf('/v1/recommendations?limit=100'),
  quotationId: await idsOf('/v1/quotations?limit=100'),
  sourceId: sourceIds,
  source: sourceIds,
  publication: ['dawn', 'the-express-tribune', 'the-news'],
  revision: ['1', '2', '3'],
  topic: ['synthetic', 'topic-1', 'security', 'terrorism'],
  domain: ['diplomacy', 'trade', 'border-security', 'governance', 'counter-terrorism'],
};

/** Articles the write operations create, replace and delete; the read pool is never written. */
const WRITE_POOL = { min: 100, max: 139 };
const writeIds = Array.from({ length: WRITE_POOL.max - WRITE_POOL.min + 1 }, (_, i) => syntheticArticle(WRITE_POOL.min + i).id!);

/** `arb` with the given probability, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, probability: number): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: Math.round(100 * (1 - probability)) },
    { arbitrary: arb, weight: Math.round(100 * probability) },
  );

/** '.' and '..' are path navigation for every URL parser, not ids; '' is another route. */
const usableSegment = (s: string) => s !== '' && s !== '.' && s !== '..';

/** How a drawn value travels in a query string: arrays as repeated keys, objects as JSON. */
const asQueryValue = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.flatMap(asQueryValue);
  if (typeof v === 'string') return [v];
  return [v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)];
};

function validParam(p: Parameter): fc.Arbitrary<string> {
  const fromSchema = validValue(p.schema, ctx).map((v) => String(v));
  if (p.name === 'include') return fc.subarray([...ArticleIncludes]).map((parts) => parts.join(','));
  const known = p.name === 'q' ? SEARCHES : REAL[p.name];
  if (!known) return fromSchema;
  return fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: fromSchema, weight: 1 });
}

/** A few of the operation's query parameters with valid values (and every required one). */
function validQuery(op: Operation): fc.Arbitrary<Pairs> {
  // Cursors are drawn apart: real ones come from a previous page (next-page), others are loose.
  const params = op.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor');
  const required = params.filter((p) => p.required);
  const optional = params.filter((p) => !p.required);
  const pairs = (some: Parameter[]) => fc.tuple(...some.map((p) => validParam(p).map((v): [string, string] => [p.name, v])));
  return fc
    .tuple(pairs(required), fc.shuffledSubarray(optional, { maxLength: Math.min(4, optional.length) }).chain(pairs))
    .map(([must, may]) => [...may, ...must]);
}

function validPath(op: Operation, pool: 'read' | 'write'): fc.Arbitrary<Record<string, string>> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const model = Object.fromEntries(
    params.map((p) => {
      const real = pool === 'write' ? writeIds : REAL[p.name]!;
      const random = validValue(p.schema, ctx).map(String).filter(usableSegment);
      return [p.name, fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: random, weight: 1 })];
    }),
  );
  return fc.record(model);
}

/** Headers a client may send that change nothing for the operation. */
const bogusHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'accept-language': fc.constantFrom('ur-PK', 'xx', '*'),
    'x-forwarded-for': fc.ipV4(),
    'x-request-id': fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
    cookie: fc.constantFrom('session=abc', 'a=b; c=d', '=; ;'),
    'if-modified-since': fc.constantFrom('Sat, 10 Jan 2026 00:00:00 GMT', 'yesterday'),
  },
  { requiredKeys: [] },
);

const garbageAuth = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'bearer eda_0000000000000000_forged',
    'Bearer eda_',
    'Token abc',
    'Bearer a b',
    `Bearer ${'x'.repeat(4000)}`,
  ),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 })
    .filter((s) => s.trim() !== '')
    .map((s) => `Bearer ${s}`),
);

const inmValues = fc.constantFrom('*', 'current', '"garbage"', 'W/"x"', ',,', STALE_ETAG, `"${'a'.repeat(300)}"`);

/** Percent-encoded random bytes, often not UTF-8 at all; slug characters left as they are. */
const rawBytesSegment = fc
  .uint8Array({ minLength: 1, maxLength: 16 })
  .map((bytes) =>
    [...bytes]
      .map((b) => String.fromCharCode(b))
      .map((c) => (/[a-z0-9-]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`))
      .join(''),
  );

const HOSTILE_QUERIES = [
  "limit=1'--",
  'q=<script>',
  '%',
  '&&&',
  '=',
  'limit=%ZZ',
  'q=%E0%A4%A',
  'limit=1;DROP%20TABLE%20articles',
  'a[b][c]=1',
  'limit[]=5',
  '__proto__[x]=1',
  'q',
  'limit=1&&limit=',
  'q=%F0%9F%92%A9',
];
const UNKNOWN_NAMES = ['foo', 'LIMIT', 'page[size]', '__proto__', 'constructor', 'offset', 'limit ', 'q2', 'x'.repeat(60)];

/**
 * Accept headers and, independently of the server's negotiation code, which of the media types an
 * operation offers (its 200's content, the default first) each one gets; undefined: 406.
 */
const ACCEPTS: Record<string, (offered: string[]) => string | undefined> = {
  '*/*': (o) => o[0],
  'text/html;q=0.9, */*;q=0.1': (o) => o[0],
  'garbage/': (o) => o[0], // no well-formed range: as if absent
  'application/json': () => 'application/json',
  'application/xml': () => undefined,
  'application/problem+json': () => undefined,
  'text/csv': (o) => (o.includes('text/csv') ? 'text/csv' : undefined),
  'text/*;q=0.5, application/json;q=0.4': (o) => o.find((t) => t.startsWith('text/')) ?? 'application/json',
  'text/csv, application/json;q=0.9': (o) => (o.includes('text/csv') ? 'text/csv' : 'application/json'),
  'application/ld+json': (o) => (o.includes('application/ld+json') ? 'application/ld+json' : undefined),
  'application/anno+json, */*;q=0.1': (o) => (o.includes('application/anno+json') ? 'application/anno+json' : o[0]),
  'application/json;q=0, */*': (o) => o[1],
};
const offeredBy = (op: Operation) => Object.keys(op.responses['200']?.content ?? op.responses['201']?.content ?? {});
const negotiated = (op: Operation) => op.method === 'GET' && op.path.startsWith('/v1/');

function readPlans(op: Operation): fc.Arbitrary<Plan> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const without = (query: Pairs, name: string) => query.filter(([k]) => k !== name);
  interface Base {
    pathIds: Record<string, string>;
    query: Pairs;
    headers: Record<string, string>;
    ifNoneMatch: string | undefined;
    bogusAuth: string | undefined;
    accept: string | undefined;
  }
  const base: fc.Arbitrary<Base> = fc.record({
    pathIds: validPath(op, 'read'),
    query: validQuery(op),
    headers: bogusHeaders,
    ifNoneMatch: sometimes(inmValues, 0.3),
    bogusAuth: sometimes(garbageAuth, 0.2),
    // An event stream (GET /v1/changes) stays open: tests/modules/changes.test.ts reads it.
    accept: sometimes(fc.constantFrom(...Object.keys(ACCEPTS).filter((a) => ACCEPTS[a]!(offeredBy(op)) !== 'text/event-stream')), 0.4),
  });
  /** A valid request, then changed by `change` (at most one thing made invalid). */
  const plan = (kind: string, weight: number, change: (b: Base) => fc.Arbitrary<Partial<Plan>>): fc.WeightedArbitrary<Plan> => ({
    weight,
    arbitrary: base.chain((b) =>
      change(b).map((x): Plan => ({
        kind,
        pathIds: b.pathIds,
        query: b.query,
        // Reads are open: a key, even a broken one, changes nothing.
        headers: b.bogusAuth ? { ...b.headers, authorization: b.bogusAuth } : b.headers,
        ifNoneMatch: b.ifNoneMatch,
        accept: b.accept,
        ...x,
      })),
    ),
  });

  const kinds = [
    plan('valid', 8, () => fc.constant({})),
    plan('unknown-param', 2, (b) =>
      fc
        .tuple(
          fc.oneof(fc.constantFrom(...UNKNOWN_NAMES), fc.string({ minLength: 1, maxLength: 10 })),
          fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 10 })),
        )
        .filter(([name]) => !queryParams.some((p) => p.name === name))
        .map((pair) => ({ query: [...b.query, pair] })),
    ),
    plan('raw-query', 1, () => fc.constantFrom(...HOSTILE_QUERIES).map((rawQuery) => ({ rawQuery }))),
    plan('long-url', 1, (b) =>
      fc.integer({ min: 2100, max: 4000 }).map((n) => ({ query: [...b.query, [queryParams[0]?.name ?? 'padding', 'x'.repeat(n)]] as Pairs })),
    ),
  ];
  if (queryParams.length) {
    kinds.push(
      plan('bad-query-value', 4, (b) =>
        fc.constantFrom(...queryParams).chain((p) =>
          invalidValue(p.schema, ctx).map((bad) => ({
            query: [...without(b.query, p.name), ...asQueryValue(bad).map((v): [string, string] => [p.name, v])],
          })),
        ),
      ),
      plan('duplicate-param', 1, (b) =>
        fc.constantFrom(...queryParams).chain((p) =>
          fc
            .tuple(validParam(p), validParam(p))
            .map(([x, y]) => ({ query: [...without(b.query, p.name), [p.name, x], [p.name, y]] as Pairs })),
        ),
      ),
    );
  }
  const cursor = queryParams.find((p) => p.name === 'cursor');
  if (cursor) {
    kinds.push(
      plan('next-page', 2, (b) => fc.constant({ query: [...without(b.query, 'limit'), ['limit', '1']] as Pairs, followCursor: true, ifNoneMatch: undefined })),
      plan('foreign-cursor', 1, (b) => validParam(cursor).map((c) => ({ query: [...b.query, ['cursor', c]] as Pairs }))),
    );
  }
  if (queryParams.some((p) => p.required)) {
    const required = new Set(queryParams.filter((p) => p.required).map((p) => p.name));
    kinds.push(plan('missing-required', 1, (b) => fc.constant({ query: b.query.filter(([k]) => !required.has(k)) })));
  }
  if (pathParams.length) {
    kinds.push(
      plan('bad-path-id', 3, (b) =>
        fc.constantFrom(...pathParams).chain((p) =>
          fc.oneof(
            invalidValue(p.schema, ctx)
              .map((v) => asQueryValue(v).join(','))
              .filter(usableSegment)
              .map((id) => ({ pathIds: { ...b.pathIds, [p.name]: id } })),
            rawBytesSegment.map((raw) => ({ rawPath: { [p.name]: raw } })),
            fc.integer({ min: 161, max: 700 }).map((n) => ({ pathIds: { ...b.pathIds, [p.name]: 'a'.repeat(n) } })),
          ),
        ),
      ),
    );
  }
  return fc.oneof(...kinds);
}

// Bodies for POST and PUT (and, now and then, an unexpected one for DELETE).
const ingestSchema: JsonSchema = { $ref: '#/components/schemas/IngestDocument' };
const json = (doc: unknown, sound = false): Body => ({ text: JSON.stringify(doc), contentType: 'application/json', doc, sound });

/** How a PUT body's id relates to the path: the same, absent, or another article's. */
type IdMode = 'path' | 'absent' | 'own';

/** The synthetic article n of the write pool, varied in fields that keep it sound. */
const syntheticDoc = fc
  .record({
    n: fc.integer(WRITE_POOL),
    headline: sometimes(validValue(spec.components.schemas.IngestDocument.properties.headline, ctx), 0.5),
    author: sometimes(fc.oneof(fc.constant(null), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })), 0.5),
    topics: sometimes(fc.uniqueArray(validValue({ type: 'string', pattern: Slug.pattern, maxLength: 120 }, ctx), { maxLength: 4 }), 0.5),
    url: sometimes(fc.oneof(fc.constant(null), fc.webUrl()), 0.5),
  })
  .map(({ n, ...overrides }): Record<string, unknown> => {
    const set = Object.entries(overrides).filter(([, v]) => v !== undefined);
    return { ...syntheticArticle(n), ...Object.fromEntries(set) };
  });
const jsonMedia = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');

const notJson = (text: string) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
};

const brokenBodies: fc.Arbitrary<Body> = fc.oneof(
  // Truncated, trailing commas, other syntaxes, prototype pollution: 400.
  fc
    .constantFrom(
      '{',
      '{"headline":',
      '{"a":1,}',
      "{'a':1}",
      'nul',
      '[1,2',
      '{"a":1}{"b":2}',
      '\u0000',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
    )
    .map((text) => ({ text, contentType: 'application/json' })),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Buffer.from(bytes).toString('latin1'))
    .filter(notJson)
    .map((text) => ({ text, contentType: 'application/json' })),
  // Not JSON at all: 415.
  fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/merge-patch+json',
        'text/json',
        'application/json-seq',
      ),
      fc.string({ minLength: 1, maxLength: 40 }),
    )
    .map(([contentType, text]) => ({ text, contentType })),
  // Empty: 400.
  fc.constant({ text: '', contentType: 'application/json' }),
  // Larger than the limit, though valid JSON: 413.
  fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 2 }).map((n) => json({ ...syntheticArticle(WRITE_POOL.min), body: 'x'.repeat(n) })),
);

interface DrawnBody {
  kind: string;
  body?: Body;
  /** For PUT: the document's id is set from the path when the plan is complete. */
  idMode?: IdMode;
}

function bodiesFor(op: Operation): fc.Arbitrary<DrawnBody> {
  if (op.operationId === 'analyzeText') {
    const schema = op.requestBody!.content['application/json']!.schema;
    return fc.oneof(
      { arbitrary: fc.tuple(syntheticDoc, jsonMedia).map(([doc, contentType]) => ({ kind: 'synthetic-text', body: { ...json({ body: doc.body, headline: doc.headline }), contentType } })), weight: 6 },
      { arbitrary: syntheticDoc.map((doc) => ({ kind: 'plain-text', body: { text: String(doc.body), contentType: 'text/plain; charset=utf-8' } })), weight: 2 },
      { arbitrary: validValue(schema, ctx).map((d) => ({ kind: 'schema-valid-body', body: json(d) })), weight: 4 },
      { arbitrary: invalidValue(schema, ctx).map((d) => ({ kind: 'schema-invalid-body', body: json(d) })), weight: 4 },
      { arbitrary: brokenBodies.map((body) => ({ kind: 'broken-body', body })), weight: 3 },
      { arbitrary: fc.constant({ kind: 'no-body', body: { text: '' } }), weight: 1 },
    );
  }
  if (!op.requestBody) {
    const unexpected = fc.oneof(brokenBodies, validValue(ingestSchema, ctx).map((d) => json(d)));
    return fc.oneof(
      { arbitrary: fc.constant({ kind: 'no-body' }), weight: 8 },
      { arbitrary: unexpected.map((body) => ({ kind: 'unexpected-body', body })), weight: 1 },
    );
  }
  const synthetic = (kind: string, idMode: IdMode, weight: number) => ({
    weight,
    arbitrary: fc.tuple(syntheticDoc, jsonMedia).map(([doc, contentType]): DrawnBody => ({ kind, body: { ...json(doc, true), contentType }, idMode })),
  });
  const put = op.method === 'PUT';
  return fc.oneof(
    synthetic('synthetic', put ? 'path' : 'own', 8),
    ...(put ? [synthetic('synthetic-without-id', 'absent', 2), synthetic('synthetic-other-id', 'own', 1)] : []),
    { arbitrary: validValue(ingestSchema, ctx).map((d) => ({ kind: 'schema-valid-body', body: json(d) })), weight: 4 },
    { arbitrary: invalidValue(ingestSchema, ctx).map((d) => ({ kind: 'schema-invalid-body', body: json(d) })), weight: 4 },
    { arbitrary: brokenBodies.map((body) => ({ kind: 'broken-body', body })), weight: 3 },
    { arbitrary: fc.constant({ kind: 'no-body', body: { text: '' } }), weight: 1 },
  );
}

/** The body with its document's id as `idMode` says, for the path's `pathId`. */
function withId({ body, idMode }: DrawnBody, pathId: string | undefined): Body | undefined {
  if (!body || idMode === undefined || idMode === 'own') return body;
  const doc = { ...(body.doc as Record<string, unknown>) };
  if (idMode === 'absent' || pathId === undefined) delete doc.id;
  else doc.id = pathId;
  return { ...body, text: JSON.stringify(doc), doc };
}

function writePlans(op: Operation): fc.Arbitrary<Plan> {
  const pathParam = op.parameters.find((p) => p.in === 'path');
  const auth: fc.Arbitrary<Auth> = fc.oneof(
    { arbitrary: fc.constant('write' as const), weight: 12 },
    { arbitrary: fc.constantFrom<Auth>('none', 'garbage', 'read'), weight: 2 },
  );
  const ifMatch = op.parameters.some((p) => p.in === 'header' && p.name === 'if-match')
    ? sometimes(fc.constantFrom<IfMatch>('star', 'current', 'current', 'stale', 'weak', 'list-with-star'), 0.5)
    : fc.constant(undefined);
  // Now and then a broken URL too: an unknown parameter or a bad id.
  const twists: Array<fc.Arbitrary<Partial<Plan> & { kind: string }>> = [
    fc.constantFrom('limit', 'force', 'dryRun').map((name) => ({ kind: 'unknown-param', query: [[name, '1']] as Pairs })),
  ];
  if (pathParam) {
    twists.push(
      invalidValue(pathParam.schema, ctx)
        .map((v) => asQueryValue(v).join(','))
        .filter(usableSegment)
        .map((id) => ({ kind: 'bad-path-id', pathIds: { [pathParam.name]: id } })),
      rawBytesSegment.map((raw) => ({ kind: 'raw-path-bytes', rawPath: { [pathParam.name]: raw } })),
    );
  }
  return fc
    .record({
      pathIds: pathParam ? validPath(op, 'write') : fc.constant({}),
      auth,
      garbageAuth,
      ifMatch,
      headers: bogusHeaders,
      body: bodiesFor(op),
      twist: sometimes(fc.oneof(...twists), 0.15),
    })
    .map(({ twist, body, ...b }): Plan => {
      const pathIds: Record<string, string> = { ...b.pathIds, ...twist?.pathIds };
      return {
        kind: [b.auth === 'write' ? '' : `auth-${b.auth}`, body.kind, twist?.kind].filter(Boolean).join('+'),
        pathIds,
        rawPath: twist?.rawPath,
        query: twist?.query ?? [],
        headers: b.headers,
        auth: b.auth,
        garbageAuth: b.garbageAuth,
        ifMatch: b.ifMatch,
        body: withId(body, pathIds.articleId),
      };
    });
}

// --- the tests -------------------------------------------------------------------------------

afterAll(() => {
  const byStatus = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`);
  console.log(`contract: ${sent} generated requests over ${operations.length} operations (seed ${SEED})\n  ${byStatus.join(', ')}`);
  if (process.env.CONTRACT_DEBUG) console.log([...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join('\n'));
});

describe('every operation in the served OpenAPI document, under generated requests', () => {
  it('has validators for every parameter, body and response it documents', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    // The response validator is not vacuous: it refuses a wrong shape, an undocumented field and
    // a broken problem, for JSON and problem+json alike.
    expect(api.validateResponse({ data: 1, page: {} }, 'listActors', 200).errors).not.toBeNull();
    const problem = {
      type: 'urn:editorial-data-api:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: "No actor has the id 'x'.",
      instance: '/v1/actors/x',
    };
    expect(api.validateResponse(problem, 'getActor', 404).errors).toBeNull();
    expect(api.validateResponse({ ...problem, stack: 'at x' }, 'getActor', 404).errors).not.toBeNull();
    expect(api.validateResponse({ ...problem, status: '404' }, 'getActor', 404).errors).not.toBeNull();
    for (const op of operations) {
      for (const p of op.parameters.filter((p) => p.in === 'path')) {
        expect(EXISTS[p.name], `${op.operationId}: add '${p.name}' to EXISTS`).toBeDefined();
      }
      if (op.requestBody && op.operationId !== 'analyzeText') {
        expect(op.requestBody.content['application/json']?.schema, op.operationId).toEqual(ingestSchema);
      }
    }
  });

  operations.forEach((op, i) => {
    const write = op.method !== 'GET';
    it(`${op.method} ${op.path} (${op.operationId}) answers as documented`, async () => {
      const before = sent;
      await fc.assert(
        fc.asyncProperty(write ? writePlans(op) : readPlans(op), (plan) => send(op, plan)),
        { seed: SEED + i, numRuns: write ? RUNS_PER_WRITE : RUNS_PER_READ },
      );
      const statuses = [...tally.keys()].filter((k) => k.startsWith(`${op.operationId} `));
      // Generation reaches both the successes and the refusals, not only one side.
      expect(sent - before).toBeGreaterThanOrEqual(write ? RUNS_PER_WRITE : RUNS_PER_READ);
      expect(statuses.some((k) => / 2\d\d$| 304$/.test(k)), op.operationId).toBe(true);
      expect(statuses.some((k) => / 4\d\d$/.test(k)), op.operationId).toBe(true);
    });
  });

  it(`sent at least ${MIN_REQUESTS} generated requests, every one answered as documented`, () => {
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });
});
