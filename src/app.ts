// buildApp: every Fastify option lives here; the server and the tests use this one factory.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { clientErrorHandler } from './shared/client-errors.js';
import { problemBody } from './shared/errors.js';
import { maskKeys } from './shared/keys.js';
import actorRoutes from './modules/actors/actors.routes.js';
import { actorSchemas } from './schemas/actors.js';
import articleRoutes from './modules/articles/articles.routes.js';
import { articleSchemas } from './schemas/articles.js';
import articleWriteRoutes from './modules/articles/articles.writes.js';
import analyzeRoutes from './modules/analyze/analyze.routes.js';
import { readerSchemas } from './reader/reader.schemas.js';
import { commonSchemas } from './schemas/common.js';
import { formatSchemas } from './schemas/formats.js';
import { ingestSchemas } from './schemas/ingest.js';
import { healthSchemas } from './schemas/health.js';
import healthRoutes from './modules/health/health.routes.js';
import quotationRoutes from './modules/quotations/quotations.routes.js';
import { quotationSchemas } from './schemas/quotations.js';
import recommendationRoutes from './modules/recommendations/recommendations.routes.js';
import { recommendationSchemas } from './schemas/recommendations.js';
import searchRoutes from './modules/search/search.routes.js';
import changeRoutes, { type ChangeStreamOptions } from './modules/changes/changes.routes.js';
import { changeSchemas } from './schemas/changes.js';
import { revisionSchemas } from './schemas/revisions.js';
import { searchSchemas } from './schemas/search.js';
import sourceRoutes from './modules/sources/sources.routes.js';
import workbenchRoutes from './modules/workbench/workbench.routes.js';
import { sourceSchemas } from './schemas/sources.js';
import caching from './plugins/caching.js';
import auth from './plugins/auth.js';
import browsers from './plugins/browsers.js';
import db from './plugins/db.js';
import limitsPlugin from './plugins/limits.js';
import negotiation from './plugins/negotiation.js';
import { DEFAULT_LIMITS, type Limits } from './shared/limits.js';
import problems from './plugins/problems.js';
import swagger from './plugins/swagger.js';
import { buildSerializer, buildValidator } from './shared/serializers.js';
// What the plugins declare on Fastify's types (app.store, request.apiKey...) travels with buildApp's
// declarations, for the code that builds an app from dist/ (the tests, through project references).
import './plugins/augmentations.js';

export interface AppOptions {
  /** SQLite: a file path, or ':memory:' for a private in-memory database (tests). */
  databasePath: string;
  /** PostgreSQL instead: the primary's URL, and replicas that serve reads. */
  databaseUrl?: string;
  replicaUrls?: string[];
  /** How long POST /v1/analyze may read one text, in ms; 2 s by default. */
  analyzeTimeoutMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes; 1 MiB by default. */
  bodyLimit?: number;
  /** Bytes of GET responses kept in memory until the next write; 16 MiB by default, 0 for none. */
  responseCacheBytes?: number;
  /** Rate limits, load shedding and the URL cap; each unset one takes its default. */
  limits?: Partial<Limits>;
  /** The change feed's event streams: poll interval, heartbeat and lifetime (ms). */
  changeStream?: Partial<ChangeStreamOptions>;
  /** Fastify's trustProxy: whether X-Forwarded-For names the client (rate limits key on it). */
  trustProxy?: boolean | string;
}

export async function buildApp({
  databasePath,
  databaseUrl,
  replicaUrls,
  analyzeTimeoutMs = 2000,
  logger = false,
  bodyLimit = 1024 * 1024,
  responseCacheBytes = 16 * 1024 * 1024,
  limits,
  trustProxy = false,
  changeStream,
}: AppOptions) {
  const app = Fastify({
    // Keys never reach the logs, whatever the log level: the request serializer logs no header (so
    // no Authorization) and masks a key pasted into a URL by mistake.
    logger:
      logger && typeof logger === 'object'
        ? {
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: maskKeys(req.url),
                host: req.host,
                remoteAddress: req.ip,
                remotePort: req.socket?.remotePort,
              }),
            },
            ...logger,
          }
        : logger,
    bodyLimit,
    schemaController: { compilersFactory: { buildSerializer, buildValidator } },
    ajv: {
      // Unknown parameters are refused, not silently dropped; query strings are coerced to types.
      // style and explode are OpenAPI's words for how a parameter is serialized: no validation of their own.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, keywords: ['style', 'explode'] },
    },
    // The router takes path segments up to 500 characters, so an id over the schemas' 160 is their
    // 400; a longer segment is the router's own refusal, a 414 (frameworkErrors below).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    trustProxy,
    // Node's HTTP parser refusals (headers over 16 KiB, a malformed request line) are problem+json too.
    clientErrorHandler,
    // The router's own refusals (a path segment over maxParamLength, broken percent-encoding) come
    // before any plugin, so they are rendered as problem+json here.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail =
        status === 414 ? 'A path segment is longer than 500 characters.' : 'The URL path is not valid percent-encoding.';
      void reply.code(status).type('application/problem+json').send(problemBody(status, detail, request.url));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are JSON or nothing: other media types are refused (415) rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  await app.register(problems);
  await app.register(limitsPlugin, { limits: { ...DEFAULT_LIMITS, ...limits } });
  await app.register(browsers);
  await app.register(db, { databasePath, databaseUrl, replicaUrls });
  await app.register(negotiation);
  await app.register(caching, { responseCacheBytes });
  await app.register(auth);
  await app.register(swagger);

  const schemas = [
    ...commonSchemas,
    ...healthSchemas,
    ...searchSchemas,
    ...ingestSchemas,
    ...actorSchemas,
    ...recommendationSchemas,
    ...quotationSchemas,
    ...sourceSchemas,
    ...revisionSchemas,
    ...articleSchemas,
    ...changeSchemas,
    ...formatSchemas,
    ...readerSchemas,
  ];
  for (const schema of schemas) app.addSchema(schema);

  await app.register(healthRoutes);
  await app.register(workbenchRoutes);
  await app.register(
    async (v1) => {
      await v1.register(articleRoutes);
      await v1.register(articleWriteRoutes);
      await v1.register(actorRoutes);
      await v1.register(recommendationRoutes);
      await v1.register(sourceRoutes);
      await v1.register(quotationRoutes);
      await v1.register(searchRoutes);
      await v1.register(changeRoutes, { stream: changeStream });
      await v1.register(analyzeRoutes, { timeoutMs: analyzeTimeoutMs });
    },
    { prefix: '/v1' },
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
