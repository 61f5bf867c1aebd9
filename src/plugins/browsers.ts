// What browsers are told: security headers (helmet) with a Content-Security-Policy that Swagger UI
// runs under, and CORS that opens reads to every origin and writes to none.
//
// Both are the same on every response, so they are worked out once at start-up and a plain hook
// copies them onto each reply: helmet's middleware is run once against a recording response (the
// Fastify plugin rebuilt the whole middleware, CSP parsing included, on every request), and the
// CORS headers are constants (@fastify/cors normalized its options on every request).
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

const READ_METHODS = ['GET', 'HEAD'];

/** Response headers a browser script may read on a cross-origin read. */
const EXPOSED_HEADERS = ['ETag', 'Link', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'Revision'];

/** What a cross-origin read (or its preflight) is answered with. */
const CORS_READ_HEADERS: Array<[string, string]> = [
  ['access-control-allow-origin', '*'],
  ['access-control-expose-headers', EXPOSED_HEADERS.join(', ')],
];
const CORS_PREFLIGHT_HEADERS: Array<[string, string]> = [
  ['access-control-allow-methods', READ_METHODS.join(', ')],
  ['access-control-allow-headers', ['If-None-Match', 'Accept'].join(', ')],
  ['access-control-max-age', String(86_400)],
];

/** A cross-origin read, or the preflight of one; writes are left without CORS headers. */
function isRead(request: FastifyRequest): boolean {
  const method =
    request.method === 'OPTIONS' ? String(request.headers['access-control-request-method'] ?? 'GET') : request.method;
  return READ_METHODS.includes(method.toUpperCase());
}

/** The headers helmet's middleware sets, recorded once: they do not depend on the request. */
function helmetHeaders(): Array<[string, string]> {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        // Swagger UI's scripts and styles are served from /docs; it sets inline styles.
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // The server speaks plain HTTP unless a proxy terminates TLS: do not force https.
        'upgrade-insecure-requests': null,
      },
    },
    // The data is public: other sites may embed or fetch it (CORS still governs scripts).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // As frame-ancestors 'none', for browsers that only know X-Frame-Options.
    frameguard: { action: 'deny' },
  });
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  } as unknown as ServerResponse;
  let failed: Error | undefined;
  middleware({} as never, recorder, (err?: unknown) => {
    if (err) failed = err instanceof Error ? err : new Error('helmet refused its options');
  });
  if (failed) throw failed;
  return [...headers];
}

export default fp(
  async (app) => {
    const security = helmetHeaders();

    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const raw = reply.raw;
      for (const [name, value] of security) raw.setHeader(name, value);
      // Which origin may read an answer depends on the request: caches must keep them apart.
      reply.header('vary', 'Origin');
      if (!isRead(request)) return done();
      for (const [name, value] of CORS_READ_HEADERS) reply.header(name, value);
      if (request.method !== 'OPTIONS') return done();
      // The preflight of a read is answered here, before any other hook (a browser sends no key).
      // Safari waits for a body on a 204 without Content-Length.
      for (const [name, value] of CORS_PREFLIGHT_HEADERS) reply.header(name, value);
      void reply.code(204).header('content-length', '0').send();
    });

    // Preflights of writes reach this route: no CORS for them, so the answer is the 404/405 any
    // other unknown method gets. (Read preflights were answered by the hook above.)
    app.options('*', { schema: { hide: true } }, (_request, reply) => {
      reply.callNotFound();
    });
  },
  { name: 'browsers' },
);
