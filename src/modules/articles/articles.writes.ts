// POST, PUT and DELETE of articles: key-protected, each one BEGIN IMMEDIATE transaction through
// the ingest module, with If-Match compared inside that transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { IngestError, strictValidatorCompiler } from '../../ingest/validate.js';
import { ref } from '../../schemas/common.js';
import { IngestDocument } from '../../schemas/ingest.js';
import { NoQuery } from '../../schemas/query.js';
import { Article, ArticleParams } from '../../schemas/articles.js';
import { HttpProblem, notFound } from '../../shared/errors.js';
import { CREATED_HEADERS, DELETED_HEADERS, problems, REVISION_HEADER, sendArticle, sendJsonText, WRITE_ERRORS, WRITE_HEADERS } from '../../shared/responses.js';
import type { IngestMode, Store, WriteOptions } from '../../store/store.js';

const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      description:
        'The ETag of GET /v1/articles/{articleId} (without include): the write happens only if the article is still ' +
        'that version (412 otherwise). `*` matches any existing article.',
    }),
  ),
});

/**
 * Throws 412 unless If-Match names the current version. Runs as the write's precondition, inside
 * its transaction, so no other write can come in between.
 */
function ifMatch(header: string | undefined): WriteOptions['precondition'] {
  return (id, current) => {
    if (header === undefined) return;
    const etag = current?.etag;
    const tags = header.split(',').map((t) => t.trim());
    const matches = etag !== undefined && (tags.includes('*') || tags.includes(etag));
    if (!matches) {
      throw new HttpProblem(
        412,
        etag
          ? `The article '${id}' has changed: its ETag is ${etag}, not ${header}. GET it again and retry.`
          : `If-Match was sent but no article has the id '${id}'.`,
      );
    }
  };
}

/**
 * Writes the document and answers the article as written: read inside the write transaction, so
 * another process deleting or replacing it a moment later cannot leave the answer empty.
 */
async function writeAndSend(reply: FastifyReply, store: Store, doc: IngestDocument, mode: IngestMode, options: WriteOptions = {}) {
  const { id, outcome, article } = await store.writeArticle(doc, mode, options);
  if (outcome === 'created') reply.header('location', `/v1/articles/${id}`);
  withDataVersion(reply, store);
  return sendArticle(reply.code(outcome === 'created' ? 201 : 200), article);
}

/** The data version after the write, for a read through another node (Min-Data-Version). */
function withDataVersion(reply: FastifyReply, store: Store) {
  const version = store.writtenVersion();
  if (version !== undefined) reply.header('data-version', version);
}

const security = [{ bearerAuth: [] }];

/**
 * `?dryRun=true`: the server's own checks without the write (a string, as the write routes'
 * strict validator coerces nothing).
 */
const WriteQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], {
        description:
          '`true`: check the document (shape, every ingest rule, the id, If-Match) and answer 200 with the article ' +
          'as it would be written, or the very problem the write would answer (400, 409, 412, 422 with each ' +
          "fault's JSON Pointer), without writing anything. Needs the same key as the write.",
      }),
    ),
  },
  { additionalProperties: false },
);


/** The article as the write would answer it, checked in a transaction that is rolled back. */
async function dryRunAndSend(reply: FastifyReply, store: Store, doc: IngestDocument, mode: IngestMode, options: WriteOptions = {}) {
  const { article } = await store.writeArticle(doc, mode, { ...options, dryRun: true });
  return sendJsonText(reply.code(200), article.json);
}

/** The article as written, with the headers a write answers. */
const written = (description: string, headers: Record<string, unknown>) => ({
  description,
  headers,
  content: { 'application/json': { schema: ref(Article) } },
});
const CREATED = written(
  "Created: the article as GET serves it (revision 1, or one past a deleted predecessor's last); Location names it, " +
    'ETag is what If-Match takes.',
  { ...CREATED_HEADERS, ...REVISION_HEADER },
);
/** A dry run that passes: the article as it would be written, without the headers of a write. */
const DRY_RUN_OK = { 200: written('`dryRun=true` and the document passes every check: the article as it would be; nothing written.', {}) };

const articleWriteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requireWrite = app.requireScope('write');

  app.post(
    '/articles',
    {
      onRequest: requireWrite,
      validatorCompiler: strictValidatorCompiler,
      schema: {
        operationId: 'createArticle',
        summary: 'Create an article',
        description:
          'Creates an article and all its parts from an ingest document, atomically. Evidence is sent as `exact` ' +
          '(plus `prefix`/`suffix` when needed); the server finds the offsets. Answers 201 with Location, the ' +
          'article and its ETag. The id is derived from datePublished and headline when absent. With ' +
          '`dryRun=true` it only checks: 200 and the article as it would be, or the problem the write would answer.',
        tags: ['articles'],
        security,
        querystring: WriteQuery,
        body: ref(IngestDocument),
        response: { ...DRY_RUN_OK, 201: CREATED, ...problems(...WRITE_ERRORS, 409) },
      },
    },
    async (request, reply) => {
      const write = request.query.dryRun === 'true' ? dryRunAndSend : writeAndSend;
      return write(reply, app.store, request.body, 'create');
    },
  );

  app.put(
    '/articles/:articleId',
    {
      onRequest: requireWrite,
      validatorCompiler: strictValidatorCompiler,
      schema: {
        operationId: 'replaceArticle',
        summary: 'Replace an article',
        description:
          'Replaces the article and all its parts with the document, atomically (200), or creates it (201) when ' +
          'it does not exist and no If-Match is sent. Send If-Match with the ETag you read to avoid overwriting ' +
          "someone else's correction (412 when it has changed). With `dryRun=true` it only checks, If-Match " +
          'included: 200 and the article as it would be, or the problem the write would answer.',
        tags: ['articles'],
        security,
        params: ArticleParams,
        querystring: WriteQuery,
        headers: IfMatchHeaders,
        body: ref(IngestDocument),
        response: {
          200: written(
            'Replaced: the article as GET now serves it, a new revision (the previous one stays readable with ' +
            '`?revision=N`), with its new ETag. With `dryRun=true`: the article as it would be, without ETag or ' +
            'Data-Version; nothing written.',
            { ...WRITE_HEADERS, ...REVISION_HEADER },
          ),
          201: CREATED,
          ...problems(...WRITE_ERRORS, 412),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      if (request.body.id !== undefined && request.body.id !== articleId) {
        throw new IngestError(422, `The document's id '${request.body.id}' differs from the path's '${articleId}'.`, [
          { path: '/id', message: `must be '${articleId}' or absent` },
        ]);
      }
      const write = request.query.dryRun === 'true' ? dryRunAndSend : writeAndSend;
      return write(reply, app.store, { ...request.body, id: articleId }, 'replace', {
        precondition: ifMatch(request.headers['if-match']),
      });
    },
  );

  app.delete(
    '/articles/:articleId',
    {
      onRequest: requireWrite,
      schema: {
        operationId: 'deleteArticle',
        summary: 'Delete an article',
        description:
          'Removes the article and all its parts (recommendations, quotations, mentions). Actors, sources and ' +
          'publications stay; their counts follow. Honours If-Match.',
        tags: ['articles'],
        security,
        params: ArticleParams,
        querystring: NoQuery,
        headers: IfMatchHeaders,
        response: {
          204: Type.Null({ description: 'Deleted.', headers: DELETED_HEADERS }),
          ...problems(400, 401, 403, 404, 412, 413, 415, 500),
        },
      },
    },
    async (request, reply) => {
      const { articleId } = request.params;
      if (!(await app.store.deleteArticle(articleId, { precondition: ifMatch(request.headers['if-match']) }))) {
        throw notFound('article', articleId);
      }
      withDataVersion(reply, app.store);
      return reply.code(204).send(null);
    },
  );
};

export default articleWriteRoutes;
