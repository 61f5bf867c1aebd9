// Response declarations shared by routes, so each route lists every status it can send.
import { createHash } from 'node:crypto';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { MediaTypes } from './negotiation.js';
import { nextPageUrl, type Page } from './pagination.js';
import { CSV_CONTENT_TYPE, toCsv, type CsvTable } from '../formats/csv.js';
import { Problem, ref } from '../schemas/common.js';
import { problemType } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { ArticleJson } from '../store/documents.js';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed input: an unknown parameter or field, a bad value, a bad cursor, invalid JSON.',
  401: 'No API key, or an unknown or revoked one (see WWW-Authenticate).',
  403: "The API key lacks the 'write' scope.",
  404: 'No resource has that id.',
  405: 'Method not allowed on this path.',
  406: 'The Accept header allows none of the media types this operation offers (listed in `detail` and `errors`).',
  409: 'The id is taken.',
  412: 'If-Match does not match the current ETag of the article.',
  413: 'The request body is larger than the limit (BODY_LIMIT, 1 MiB by default).',
  414: `The URL is longer than the limit (MAX_URL_LENGTH, ${DEFAULT_LIMITS.maxUrlLength} characters by default).`,
  415: 'The request body is not application/json.',
  422: 'Valid JSON that breaks a rule: an evidence phrase missing from the body or ambiguous, an unknown actor, a duplicate priority or id, an unannounced rename of a known actor.',
  429:
    `This client spent its budget of reads (${DEFAULT_LIMITS.reads} per ${DEFAULT_LIMITS.windowMs / 1000} s by default), writes ` +
    `(${DEFAULT_LIMITS.writes}) or refused API keys (${DEFAULT_LIMITS.authFailures} per ${DEFAULT_LIMITS.authFailureWindowMs / 1000} s). Retry after \`Retry-After\` seconds.`,
  500: 'A bug: the server failed. Logged.',
  503: 'The server is shedding load (event loop or memory saturated), or the database is busy with another process or does not answer. Retry after `Retry-After` seconds.',
};

const integerHeader = (description: string) => ({ type: 'integer', minimum: 0, description });
const stringHeader = (description: string) => ({ type: 'string', description });

const RETRY_AFTER = integerHeader('Seconds to wait before retrying.');

/**
 * Sent on every response that a client's request budget governs (every operation but GET /health,
 * while the budgets are on): the IETF draft names that @fastify/rate-limit sends.
 */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': integerHeader('Requests of this kind (reads or writes) allowed per window.'),
  'RateLimit-Remaining': integerHeader('Requests of this kind left in the current window.'),
  'RateLimit-Reset': integerHeader('Seconds until the window resets.'),
};

const ETAG = stringHeader(
  'Strong ETag of the representation sent (it changes whenever any of its bytes do): send it back in If-None-Match for a 304 (on an article, in If-Match to write).',
);
const VARY = stringHeader('`Accept`: each representation of the resource has its own bytes and its own ETag.');
const DATA_VERSION = stringHeader(
  'PostgreSQL only: the data version after this write; send it as Min-Data-Version to read it back through any node.',
);

/** What every successful read may carry. */
const CACHE_CONTROL = stringHeader('`public, max-age=60`.');
const READ_HEADERS = { ETag: ETAG, Vary: VARY, 'Cache-Control': CACHE_CONTROL, ...RATE_LIMIT_HEADERS };
/** What a write that answers the article carries. */
export const WRITE_HEADERS = { ETag: ETAG, 'Data-Version': DATA_VERSION, ...RATE_LIMIT_HEADERS };
export const CREATED_HEADERS = { Location: stringHeader('The path of the created article.'), ...WRITE_HEADERS };
export const DELETED_HEADERS = { 'Data-Version': DATA_VERSION, ...RATE_LIMIT_HEADERS };

const PROBLEM_HEADERS: Record<number, Record<string, unknown>> = {
  429: { 'Retry-After': RETRY_AFTER, ...RATE_LIMIT_HEADERS },
  503: { 'Retry-After': RETRY_AFTER },
};

/** What a problem of this status looks like, for the reader of the docs. */
function exampleProblem(status: number) {
  const detail = PROBLEM_EXAMPLE_DETAILS[status] ?? PROBLEM_DESCRIPTIONS[status] ?? 'Problem';
  return { ...problemType(status), status, detail, instance: '/v1/articles/2026-01-10-anti-terrorism-fight' };
}

const PROBLEM_EXAMPLE_DETAILS: Record<number, string> = {
  400: "Invalid query parameter: 'limit' must be <= 100.",
  401: 'This operation needs an API key: send Authorization: Bearer <key>.',
  403: "This API key lacks the 'write' scope.",
  404: "No article has the id 'no-such-article'.",
  412: 'If-Match does not match the current ETag of the article.',
  414: 'The URL is 3015 characters long; the limit is 2048. Shorten the query.',
  429: 'Too many reads from this client: the limit is 600 per 60 s. Retry in 42 s.',
  500: 'The server failed to answer this request; the error has been logged.',
  503: 'The server is overloaded (its event loop is saturated); retry after 10 s.',
};

/** Every operation passes the limits plugin, so every one may answer these. */
const LIMIT_STATUSES = [414, 429, 503];

/** problem+json responses for the given status codes, and for the limits every operation has. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([...statuses, ...LIMIT_STATUSES])]
      .sort((a, b) => a - b)
      .map((status) => [
        status,
        {
          description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
          ...(PROBLEM_HEADERS[status] ? { headers: PROBLEM_HEADERS[status] } : {}),
          content: { 'application/problem+json': { schema: ref(Problem), example: exampleProblem(status) } },
        },
      ]),
  );
}

/** As problems(), for an operation outside the per-client budgets (GET /health): no 429. */
export function unbudgetedProblems(...statuses: number[]) {
  return Object.fromEntries(Object.entries(problems(...statuses)).filter(([status]) => status !== '429'));
}

const notModified = (headers: Record<string, unknown>) => ({
  304: Type.Null({
    description: 'Not Modified: If-None-Match names the current ETag of the representation asked for (or is `*`). No body, no Content-Type.',
    headers: { ETag: stringHeader('The current strong ETag.'), 'Cache-Control': CACHE_CONTROL, ...headers },
  }),
});

/** The header every article response carries: which revision of the article it is. */
export const REVISION_HEADER = {
  Revision: {
    type: 'integer',
    minimum: 1,
    description: "The article's revision this response shows (its `revision` field): `?revision=N` reads it again, byte for byte.",
  },
};

/**
 * A 200 whose body is `schema` and which says the article's revision in a `Revision` header. The
 * header rides on the schema itself (as NOT_MODIFIED's ETag does), not on a per-media-type
 * `content` map: with one, Fastify compiles a serializer per route and media type, which made the
 * app take seconds longer to start.
 */
export function withRevision<T extends object>(schema: T, description: string): T {
  return { ...schema, description, headers: REVISION_HEADER };
}

/** Every GET answers 304, without a body (nor Content-Type), when If-None-Match names its current ETag (or is `*`). */
export const NOT_MODIFIED = notModified({});

/** One more representation of a read's 200: its schema, and an example from the seed. */
export interface Representation<T extends TSchema = TSchema> {
  schema: T;
  example?: unknown;
}

/**
 * The 200 and 304 of a read: application/json with `schema` (the default), and any other media
 * type the route also serves, which the negotiation plugin offers in this order. The route's
 * handler renders the one `request.representation` names. `more` adds to the 200: a description
 * of its own, and headers only this route sends (an article's Revision).
 */
export function readResponses<T extends TSchema, O extends Partial<Record<(typeof MediaTypes)[Exclude<keyof typeof MediaTypes, 'json'>], Representation>>>(
  component: T,
  others: O = {} as O,
  more: { description?: string; headers?: Record<string, unknown> } = {},
) {
  const csv = MediaTypes.csv in others;
  const schema = ref(component);
  const headers = csv ? { ...READ_HEADERS, Link: stringHeader('text/csv only: `<URL of the next page>; rel="next"`, absent on the last page.') } : READ_HEADERS;
  return {
    200: {
      description: more.description ?? component.description ?? 'OK',
      headers: { ...headers, ...more.headers },
      content: { [MediaTypes.json]: { schema }, ...others } as { 'application/json': { schema: typeof schema } } & O,
    },
    ...notModified({ Vary: VARY, ...RATE_LIMIT_HEADERS, ...more.headers }),
  };
}

export const READ_ERRORS = [400, 406, 500];
export const READ_ONE_ERRORS = [400, 404, 406, 500];
export const WRITE_ERRORS = [400, 401, 403, 413, 415, 422, 500];

/** A strong ETag: the first 162 bits of the sha256 of the bytes sent. */
export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

/** Sends JSON that is already text or bytes (a stored or ETag-checked document) without serializing again. */
export function sendJsonText(reply: FastifyReply, json: string | Buffer) {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Sends an article as GET serves it, with its Revision and its ETag (stored with it: no hashing here). */
export function sendArticle(reply: FastifyReply, { json, etag, revision }: ArticleJson) {
  return sendJsonText(reply.header('revision', revision).header('etag', etag), json);
}

/** Sends a page whose items are stored JSON documents, joined without parsing them. */
export function sendPage(reply: FastifyReply, { data, page }: Page<string>) {
  return sendJsonText(reply, `{"data":[${data.join(',')}],"page":${JSON.stringify(page)}}`);
}

/**
 * Sends a page as text/csv: the rows of its items, and the next page's URL in a `Link` header
 * (RFC 8288), since a spreadsheet has nowhere to keep a cursor.
 */
export function sendCsvPage<T>(reply: FastifyReply, table: CsvTable<T>, { data, page }: Page<T>) {
  if (page.nextCursor !== null) reply.header('link', `<${nextPageUrl(reply.request.url, page.nextCursor)}>; rel="next"`);
  return reply.type(CSV_CONTENT_TYPE).send(toCsv(table, data));
}

/** Sends a document of another JSON media type (JSON-LD, Web Annotation), serialized once. */
export function sendJsonAs(reply: FastifyReply, mediaType: string, document: unknown) {
  return reply.type(mediaType).send(JSON.stringify(document));
}
