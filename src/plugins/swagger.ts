// The OpenAPI document, built from the routes' own schemas, and Swagger UI to explore it.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { DEFAULT_LIMITS } from '../shared/limits.js';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

export const TAGS = [
  { name: 'articles', description: 'Opinion pieces with their full text, and their parts.' },
  { name: 'actors', description: 'The registry of states, groups, organisations and people the pieces discuss.' },
  { name: 'recommendations', description: 'Who the pieces say should do what, anchored in their words.' },
  { name: 'sources', description: 'Whom the pieces cite.' },
  { name: 'quotations', description: 'Claims the pieces attribute to their sources, anchored in their words.' },
  { name: 'revisions', description: 'Every version an article was served in, for reproducible citation.' },
  { name: 'changes', description: 'The change feed: every write in commit order, as pages or Server-Sent Events, for apps that keep a copy.' },
  { name: 'search', description: 'Full-text search with ranking, snippets and spans.' },
  { name: 'analyze', description: 'The assisted reader: a draft reading of a raw editorial, for an analyst to review.' },
  { name: 'health', description: 'Liveness.' },
];

const L = DEFAULT_LIMITS;
const MiB = 1024 * 1024;

const DESCRIPTION = `Opinion journalism as structured, queryable, verifiable data.

Every recommendation, quotation and actor mention carries an \`evidence\` anchor: \`body\`
sliced from \`start\` to \`end\` (Unicode code points) equals \`exact\`, checked by the server.

**Lists** answer \`{ data, page: { limit, nextCursor, total } }\`; pass \`nextCursor\` back as
\`cursor\` for the next page. Cursors are opaque and stable under inserts. Unknown query
parameters are refused (400) rather than ignored.

**Errors** are RFC 9457 \`application/problem+json\` with a \`detail\` and, for invalid input,
\`errors[{ path, message }]\`. Problem \`type\`s are \`urn:editorial-data-api:problem:<kind>\`.

**Formats**: every read is negotiated by \`Accept\` (q-values and wildcards; JSON by default).
An article is also offered as \`application/ld+json\` (schema.org OpinionNewsArticle) and
\`application/anno+json\` (W3C Web Annotations with TextQuoteSelector and TextPositionSelector);
\`/v1/recommendations\`, \`/v1/quotations\` and \`/v1/actors\` as \`text/csv\` (RFC 4180, UTF-8,
the next page in a \`Link\` header). An \`Accept\` that allows none of an operation's media types
is a 406 naming them. Answers say \`Vary: Accept\`.

**Caching**: every GET carries a strong \`ETag\` (one per representation) and honours
\`If-None-Match\` (304, without a body or \`Content-Type\`), with \`Cache-Control: public, max-age=60\`.

**Limits** (defaults; each is set by an environment variable, see the README):

| Limit | Default | Answer when exceeded |
| --- | --- | --- |
| Reads (GET, HEAD, OPTIONS) per client address | ${L.reads} per ${L.windowMs / 1000} s (\`RATE_LIMIT_READS\`) | 429 |
| Writes (POST, PUT, DELETE) per client address | ${L.writes} per ${L.windowMs / 1000} s (\`RATE_LIMIT_WRITES\`) | 429 |
| Refused API keys (401/403) per client address | ${L.authFailures} per ${L.authFailureWindowMs / 1000} s (\`RATE_LIMIT_AUTH_FAILURES\`), then every keyed request | 429 |
| Event-loop delay / heap in use / resident memory | ${L.maxEventLoopDelayMs} ms / ${L.maxHeapUsedBytes / MiB} MiB / ${L.maxRssBytes / MiB} MiB | 503 |
| URL length (path and query) | ${L.maxUrlLength} characters (\`MAX_URL_LENGTH\`) | 414 |
| Request body | 1 MiB (\`BODY_LIMIT\`) | 413 |
| Page size (\`limit\`) | 1 to 100, 20 by default | 400 |
| \`include\` | the listed parts only, 100 characters | 400 |
| Search text (\`q\`) | 500 characters | 400 |

Responses governed by a budget carry \`RateLimit-Limit\`, \`RateLimit-Remaining\` and
\`RateLimit-Reset\`; 429 and 503 carry \`Retry-After\` (seconds).

**CORS**: reads are open to every origin (\`Access-Control-Allow-Origin: *\`); writes are not
offered to browsers on other origins.`;

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Editorial Data API', version, description: DESCRIPTION },
        // Relative: the document is served by the API it describes, wherever that runs.
        servers: [{ url: '/', description: 'The server that serves this document.' }],
        // Reads need no key (the empty requirement); writes declare bearerAuth themselves.
        security: [{}],
        tags: TAGS,
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'Writes need `Authorization: Bearer <key>` with the `write` scope; POST /v1/analyze needs a key of either ' +
                'scope. Keys are made with `npm run keys -- create --name NAME --scope write`. Reads are open.',
            },
          },
        },
      },
      refResolver: {
        // Shared schemas keep their $id as their component name: Article, not def-7.
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, displayOperationId: true },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
