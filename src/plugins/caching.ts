// HTTP caching for read-mostly data.
// - Every successful GET gets a strong ETag, so If-None-Match answers 304 without a body whatever
//   produced the response: computed here from the bytes sent, unless the route set one (an
//   article's is made at write time from digests stored with its documents).
// - Responses are also kept in memory by URL, tagged with the database's data version (which
//   moves with every write from this process or another), so a repeated read skips validation,
//   the query and the hash, and a write is still visible to the very next read. Each
//   representation of a URL (application/json, text/csv...) is kept, and tagged, apart.
// - A route that reads one stored document by its key (`config: { responseCache: false }`) skips
//   the response cache: its query costs no more than a lookup in the cache would, and under
//   random ids the cache would only churn (and each lookup first asks the database its version).
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { etagOf } from '../shared/responses.js';

export const READ_CACHE_CONTROL = 'public, max-age=60';


/** If-None-Match uses the weak comparison: W/"x" matches "x". */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Responses are kept per URL and per representation (the negotiation plugin runs first). */
const cacheKey = (request: FastifyRequest) => `${request.representation ?? ''} ${request.url}`;

interface Cached {
  version: string;
  payload: string;
  etag: string;
  contentType: string;
  /** An article response's Revision header, sent again with the cached body. */
  revision?: string;
  /** The next page of a text/csv list (RFC 8288 Link), part of what the representation says. */
  link?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this route's answers are not kept in the response cache (a read by primary key). */
    responseCache?: false;
  }
  interface FastifyRequest {
    /** The data version seen when a cacheable read began; its response is stored under it. */
    cacheVersion?: string;
  }
}

export interface CachingOptions {
  /** Bytes of responses to keep in memory; 0 turns the response cache off. */
  responseCacheBytes: number;
}

export default fp<CachingOptions>(
  async (app, { responseCacheBytes }) => {
    const entries = new Map<string, Cached>();
    let bytes = 0;
    const forget = (key: string) => {
      const old = entries.get(key);
      if (old) {
        bytes -= 2 * old.payload.length;
        entries.delete(key);
      }
    };

    const answer = (reply: FastifyReply, ifNoneMatch: string | undefined, etag: string) => {
      reply.header('etag', etag);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', READ_CACHE_CONTROL);
      return ifNoneMatch !== undefined && matches(ifNoneMatch, etag);
    };

    if (responseCacheBytes > 0) {
      app.addHook('onRequest', async (request, reply) => {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith('/v1/')) return;
        // An event stream is not a response to keep (and its URL is also a JSON page's).
        if ((request.headers.accept ?? '').includes('text/event-stream')) return;
        if (request.routeOptions.config.responseCache === false) return;
        const version = await app.store.dataVersion();
        const key = cacheKey(request);
        const hit = entries.get(key);
        if (hit && hit.version === version) {
          // Most recently used last, so the oldest entries are dropped first.
          entries.delete(key);
          entries.set(key, hit);
          if (hit.revision !== undefined) reply.header('revision', hit.revision);
          if (answer(reply, request.headers['if-none-match'], hit.etag)) return reply.code(304).send();
          if (hit.link !== undefined) reply.header('link', hit.link);
          return reply.type(hit.contentType).send(hit.payload);
        }
        request.cacheVersion = version;
      });
    }

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
      if (reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      // Already tagged: served from the cache (which answered its 304 itself), or by a route whose
      // documents carry their ETag (an article); the rest are hashed here.
      const tagged = reply.getHeader('etag');
      const etag = typeof tagged === 'string' ? tagged : etagOf(payload);
      if (tagged === undefined && request.cacheVersion !== undefined && typeof payload === 'string' && 2 * payload.length <= responseCacheBytes / 16) {
        const key = cacheKey(request);
        forget(key);
        entries.set(key, {
          version: request.cacheVersion,
          payload,
          etag,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          ...(reply.hasHeader('revision') ? { revision: String(reply.getHeader('revision')) } : {}),
          ...(reply.hasHeader('link') ? { link: String(reply.getHeader('link')) } : {}),
        });
        bytes += 2 * payload.length; // V8 keeps non-Latin-1 text at two bytes a character
        for (const [key] of entries) {
          if (bytes <= responseCacheBytes) break;
          forget(key);
        }
      }
      if (answer(reply, request.headers['if-none-match'], etag)) {
        // A 304 describes the representation the client holds: no body, so no Content-Type either.
        reply.code(304);
        reply.removeHeader('content-length');
        reply.removeHeader('content-type');
        return '';
      }
      return payload;
    });
  },
  { name: 'caching', dependencies: ['db', 'negotiation'] },
);
