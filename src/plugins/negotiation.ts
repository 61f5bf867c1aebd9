// Content negotiation for every read under /v1: each GET offers the media types its 200 response
// documents (application/json alone unless the route lists more), the Accept header picks one
// (src/shared/negotiation.ts), and the handler renders that representation. One that accepts none
// of them is a 406 before any work is done. Every negotiated answer says `Vary: Accept`, and the
// response cache keys on the representation, so each has its own ETag.
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { MediaTypes, negotiate, notAcceptable, type MediaType } from '../shared/negotiation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The media types a read offers, the default first (from its 200 response's content). */
    representations?: readonly MediaType[];
  }
  interface FastifyRequest {
    /** The representation negotiated for this read. */
    representation?: MediaType;
  }
}

/** Adds a field to Vary without losing what another plugin put there. */
export function varyOn(reply: FastifyReply, field: string) {
  const current = reply.getHeader('vary');
  const fields = typeof current === 'string' ? current.split(',').map((f) => f.trim()).filter(Boolean) : [];
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase() || f === '*')) reply.header('vary', [...fields, field].join(', '));
}

export default fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.includes('GET') && !methods.includes('HEAD')) return;
      if (!route.url.startsWith('/v1/')) return;
      const ok = (route.schema?.response as Record<string, { content?: Record<string, unknown> }> | undefined)?.[200];
      const offered = ok?.content ? (Object.keys(ok.content) as MediaType[]) : [MediaTypes.json];
      route.config = { ...route.config, representations: offered };
    });

    app.addHook('onRequest', async (request, reply) => {
      const offered = request.routeOptions.config.representations;
      if (!offered) return;
      varyOn(reply, 'Accept');
      const accept = request.headers.accept;
      const chosen = negotiate(accept, offered);
      if (!chosen) throw notAcceptable(accept ?? '', offered);
      request.representation = chosen;
    });
  },
  { name: 'negotiation', dependencies: ['problems'] },
);
