// The one error path: every error leaves as RFC 9457 application/problem+json.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, describeSchemaErrors, problemBody, type FieldError } from '../shared/errors.js';

declare module 'fastify' {
  interface FastifyReply {
    problem(status: number, detail: string, errors?: FieldError[]): FastifyReply;
  }
}

const PART_NAMES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body',
  headers: 'header',
};

function validationProblem(error: FastifyError): HttpProblem {
  const part = error.validationContext ?? 'body';
  const named = part === 'querystring' || part === 'params' || part === 'headers';
  const errors = describeSchemaErrors(error.validation ?? []).map((e) =>
    named && e.message.startsWith('unknown field') ? { ...e, message: 'is not a parameter of this operation' } : e,
  );
  const what = PART_NAMES[part] ?? part;
  const detail = named
    ? `Invalid ${what}${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `'${e.path.slice(1)}' ${e.message}`).join('; ')}.`
    : `The request ${what} is invalid: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}.`;
  return new HttpProblem(400, detail, errors);
}

/** Words a client can act on for Fastify's own 4xx errors (body parsing, limits, media types). */
function clientErrorDetail(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `The body must be application/json, not '${request.headers['content-type'] ?? 'unspecified'}'.`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? 'the configured'} bytes.`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON document.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `The request body is not valid JSON: ${error.message}`;
    default:
      return error.message;
  }
}

/** Pattern of every registered route, to tell an unknown path (404) from a wrong method (405). */
function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

export default fp(
  async (app) => {
    const routes: Array<{ pattern: RegExp; methods: string[] }> = [];
    app.addHook('onRoute', (route) => {
      // Catch-alls (CORS answers OPTIONS on every path) say nothing about which paths exist.
      if (route.url === '*' || route.url === '/*') return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      routes.push({ pattern: routePattern(route.url), methods });
    });

    app.decorateReply('problem', function (this: FastifyReply, status: number, detail: string, errors?: FieldError[]) {
      return this.code(status).type('application/problem+json').send(problemBody(status, detail, this.request.url, errors));
    });

    app.setErrorHandler((error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof HttpProblem) {
        reply.headers(error.headers);
        return reply.problem(error.status, error.detail, error.errors);
      }
      if (error.validation) {
        const problem = validationProblem(error);
        return reply.problem(problem.status, problem.detail, problem.errors);
      }
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_ERROR' && /fts5/i.test(error.message)) {
        // The query compiler should make this unreachable; if not, it is still the query's fault.
        request.log.warn({ err: error }, 'FTS5 refused a compiled query');
        return reply.problem(400, 'The search query could not be understood; simplify it.', [{ path: '/q', message: 'not understood' }]);
      }
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        // Other processes held the write lock past busy_timeout (5 s): retryable, not a bug.
        request.log.warn({ err: error }, 'database busy');
        return reply
          .header('retry-after', '1')
          .problem(503, 'The database is busy (another process holds its write lock); nothing was changed. Retry in a second.');
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.problem(status, clientErrorDetail(error, request));
      request.log.error({ err: error }, 'unhandled error');
      return reply.problem(500, 'The server failed to answer this request; the error has been logged.');
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
      if (allowed.length) {
        return reply
          .header('allow', allowed.join(', '))
          .problem(405, `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}.`);
      }
      return reply.problem(404, `No resource at ${request.method} ${path}. The API lives under /v1; see /docs.`);
    });
  },
  { name: 'problems' },
);
