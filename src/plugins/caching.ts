// HTTP caching for read-mostly data: a strong ETag on every successful GET, computed from the
// bytes sent, so If-None-Match answers 304 without a body whatever produced the response.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';

export const READ_CACHE_CONTROL = 'public, max-age=60';

export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match uses the weak comparison: W/"x" matches "x". */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
      if (reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', READ_CACHE_CONTROL);
      const etag = etagOf(payload);
      reply.header('etag', etag);
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch && matches(ifNoneMatch, etag)) {
        reply.code(304);
        reply.removeHeader('content-length');
        return '';
      }
      return payload;
    });
  },
  { name: 'caching' },
);
