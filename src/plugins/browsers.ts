// What browsers are told: security headers (@fastify/helmet) with a Content-Security-Policy that
// Swagger UI runs under, and CORS (@fastify/cors) that opens reads to every origin and writes to none.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const READ_METHODS = ['GET', 'HEAD'];

/** Response headers a browser script may read on a cross-origin read. */
const EXPOSED_HEADERS = ['ETag', 'Link', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'];

/** A cross-origin read, or the preflight of one; writes are left without CORS headers. */
function isRead(request: FastifyRequest): boolean {
  const method =
    request.method === 'OPTIONS' ? String(request.headers['access-control-request-method'] ?? 'GET') : request.method;
  return READ_METHODS.includes(method.toUpperCase());
}

export default fp(
  async (app) => {
    await app.register(helmet, {
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

    await app.register(cors, {
      delegator: (request, callback) =>
        callback(
          null,
          isRead(request)
            ? {
                origin: '*',
                methods: READ_METHODS,
                allowedHeaders: ['If-None-Match', 'Accept'],
                exposedHeaders: EXPOSED_HEADERS,
                maxAge: 86_400,
                strictPreflight: false,
              }
            : { origin: false },
        ),
    });
  },
  { name: 'browsers' },
);
