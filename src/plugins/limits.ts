// What one client, or the whole process, may ask of the server: request budgets per client
// (@fastify/rate-limit), shedding under load (@fastify/under-pressure) and a cap on URL length.
// Every refusal is problem+json with Retry-After, and every limit is set from the environment.
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../shared/errors.js';
import type { Limits } from '../shared/limits.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a refused API key against the client's budget; throws 429 once it is spent. */
    authFailed(request: FastifyRequest): Promise<void>;
    /** Throws 429 when the client has spent its budget of refused API keys. */
    checkAuthBudget(request: FastifyRequest): Promise<void>;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

const tooMany = (detail: string, retryAfter: number) =>
  new HttpProblem(429, detail, undefined, { 'retry-after': String(Math.max(1, retryAfter)) });

export default fp<{ limits: Limits }>(
  async (app, { limits }) => {
    app.addHook('onRequest', async (request) => {
      if (request.url.length > limits.maxUrlLength) {
        throw new HttpProblem(
          414,
          `The URL is ${request.url.length} characters long; the limit is ${limits.maxUrlLength}. Shorten the query.`,
        );
      }
    });

    const shed = [limits.maxEventLoopDelayMs, limits.maxHeapUsedBytes, limits.maxRssBytes].some((v) => v > 0);
    if (shed) {
      const causes: Record<string, string> = {
        eventLoopDelay: 'its event loop is saturated',
        heapUsedBytes: 'its memory is nearly full',
        rssBytes: 'its memory is nearly full',
      };
      await app.register(underPressure, {
        maxEventLoopDelay: limits.maxEventLoopDelayMs,
        maxHeapUsedBytes: limits.maxHeapUsedBytes,
        maxRssBytes: limits.maxRssBytes,
        retryAfter: limits.retryAfterSeconds,
        pressureHandler: async (request, _reply, type) => {
          request.log.warn({ pressure: type }, 'shedding load');
          throw new HttpProblem(
            503,
            `The server is overloaded (${causes[type] ?? type}); retry after ${limits.retryAfterSeconds} s.`,
            undefined,
            { 'retry-after': String(limits.retryAfterSeconds) },
          );
        },
      });
    }

    // Budgets are kept per client address (behind a proxy, set TRUST_PROXY so it is the client's).
    await app.register(rateLimit, {
      global: false,
      enableDraftSpec: true, // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After
      errorResponseBuilder: (request, { max, ttl }) =>
        tooMany(
          `Too many ${READ_METHODS.has(request.method) ? 'reads' : 'writes'} from this client: the limit is ${max} per ${seconds(limits.windowMs)}. Retry in ${Math.ceil(ttl / 1000)} s.`,
          Math.ceil(ttl / 1000),
        ),
    });
    const budget = (max: number) => (max > 0 ? app.rateLimit({ max, timeWindow: limits.windowMs }) : undefined);
    const reads = budget(limits.reads);
    const writes = budget(limits.writes);
    if (reads || writes) {
      app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const limiter = READ_METHODS.has(request.method) ? reads : writes;
        if (limiter) await limiter.call(app, request, reply);
      });
    }

    // Failed authentications have their own, smaller budget, so keys cannot be guessed at speed.
    const failures =
      limits.authFailures > 0
        ? app.createRateLimit({
            max: limits.authFailures,
            timeWindow: limits.authFailureWindowMs,
            keyGenerator: (request) => `auth-failure:${request.ip}`,
          })
        : undefined;
    const refuse = (ttlInSeconds = 1) =>
      tooMany(
        `Too many refused API keys from this client: the limit is ${limits.authFailures} per ${seconds(limits.authFailureWindowMs)}. Retry in ${ttlInSeconds} s.`,
        ttlInSeconds,
      );
    app.decorate('checkAuthBudget', async (request: FastifyRequest) => {
      if (!failures) return;
      const state = await failures(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw refuse(state.ttlInSeconds);
    });
    app.decorate('authFailed', async (request: FastifyRequest) => {
      if (!failures) return;
      const state = await failures(request);
      if (!state.isAllowed && state.isExceeded) throw refuse(state.ttlInSeconds);
    });
  },
  { name: 'limits', dependencies: ['problems'] },
);
