// What one client, or the whole process, may ask of the server: request budgets per client
// (@fastify/rate-limit), shedding under load (event-loop delay measured here once the app is
// ready, memory by @fastify/under-pressure) and a cap on URL length.
// Every refusal is problem+json with Retry-After, and every limit is set from the environment.
import type { IncomingMessage } from 'node:http';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { HttpProblem } from '../shared/errors.js';
import type { Limits } from '../shared/limits.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route with a request budget of its own instead of the read or write budget. */
    budget?: 'analyses';
  }
  interface FastifyInstance {
    /** Counts a refused API key against the client's budget; throws 429 once it is spent. */
    authFailed(request: FastifyRequest): Promise<void>;
    /** Throws 429 when the client has spent its budget of refused API keys. */
    checkAuthBudget(request: FastifyRequest): Promise<void>;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How often a Redis outage is logged again while it lasts. */
const REDIS_ERROR_LOG_MS = 10_000;

/** How often the event-loop delay is sampled (the mean over each interval is compared to the limit). */
const EVENT_LOOP_SAMPLE_MS = 1000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

const tooMany = (detail: string, retryAfter: number) =>
  new HttpProblem(429, detail, undefined, { 'retry-after': String(Math.max(1, retryAfter)) });

/** How much of a refused body is read and discarded, in multiples of the body limit, and for how long. */
const DRAIN_FACTOR = 4;
const DRAIN_TIMEOUT_MS = 10_000;

/** Reads the rest of a request body and discards it; destroys the connection past `maxBytes`. */
function drain(raw: IncomingMessage, maxBytes: number): Promise<void> {
  return new Promise((resolve) => {
    let bytes = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', finish).off('close', finish).off('error', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        raw.socket.destroy();
        finish();
      }
    };
    const timer = setTimeout(finish, DRAIN_TIMEOUT_MS);
    timer.unref();
    raw.on('data', onData).once('end', finish).once('close', finish).once('error', finish);
    raw.resume();
  });
}

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

    const causes: Record<string, string> = {
      eventLoopDelay: 'its event loop is saturated',
      heapUsedBytes: 'its memory is nearly full',
      rssBytes: 'its memory is nearly full',
    };
    const overloaded = (request: FastifyRequest, type: string) => {
      request.log.warn({ pressure: type }, 'shedding load');
      return new HttpProblem(
        503,
        `The server is overloaded (${causes[type] ?? type}); retry after ${limits.retryAfterSeconds} s.`,
        undefined,
        { 'retry-after': String(limits.retryAfterSeconds) },
      );
    };

    // Event-loop delay is measured from the moment the app is ready, not from this registration:
    // under-pressure's histogram would count the start-up work (migrations, seed, schema
    // compilation) as load and shed every request for up to a second after "Server listening".
    if (limits.maxEventLoopDelayMs > 0) {
      const resolution = 10;
      let delay = 0;
      let histogram: IntervalHistogram | undefined;
      let timer: NodeJS.Timeout | undefined;
      app.addHook('onReady', async () => {
        histogram = monitorEventLoopDelay({ resolution });
        histogram.enable();
        timer = setInterval(() => {
          // The mean lag beyond the sampling resolution; no sample at all means the loop was blocked throughout.
          const mean = histogram!.mean / 1e6 - resolution;
          delay = Number.isNaN(mean) ? Infinity : Math.max(0, mean);
          histogram!.reset();
        }, EVENT_LOOP_SAMPLE_MS);
        timer.unref();
      });
      app.addHook('onClose', async () => {
        clearInterval(timer);
        histogram?.disable();
      });
      app.addHook('onRequest', async (request) => {
        if (delay > limits.maxEventLoopDelayMs) throw overloaded(request, 'eventLoopDelay');
      });
    }
    if (limits.maxHeapUsedBytes > 0 || limits.maxRssBytes > 0) {
      await app.register(underPressure, {
        maxHeapUsedBytes: limits.maxHeapUsedBytes,
        maxRssBytes: limits.maxRssBytes,
        retryAfter: limits.retryAfterSeconds,
        pressureHandler: async (request, _reply, type) => {
          throw overloaded(request, type);
        },
      });
    }

    // A refusal that comes before the whole body has arrived (413 over BODY_LIMIT, 401 before the
    // body is read): the client may still be writing, and may read nothing until it is done (curl
    // does, without Expect: 100-continue). Closing the connection on unread bytes resets it, and
    // the client never reads the answer; so the rest of the body is read and discarded first, up to
    // DRAIN_FACTOR times the limit (beyond that, or past DRAIN_TIMEOUT_MS, the connection is closed).
    app.addHook('onSend', async (request, reply) => {
      const raw = request.raw;
      if (raw.complete || raw.readableEnded || raw.destroyed) return;
      const bound = DRAIN_FACTOR * (request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024);
      if (Number(raw.headers['content-length']) > bound) {
        // Not worth reading: close at once (a kept-alive connection would have Node read it all).
        reply.header('connection', 'close');
        return;
      }
      await drain(raw, bound);
    });

    // Budgets are kept per client address (behind a proxy, set TRUST_PROXY so it is the client's).
    // With REDIS_URL they live in Redis, so every node counts against the same budgets; without it,
    // each process keeps its own. A Redis that does not answer lets requests through (skipOnError)
    // rather than failing them: the outage is logged, and the budgets are not enforced meanwhile.
    let redis: Redis | undefined;
    if (limits.redisUrl) {
      redis = new Redis(limits.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
      let lastLogged = 0;
      redis.on('error', (err: Error) => {
        const now = Date.now();
        if (now - lastLogged < REDIS_ERROR_LOG_MS) return;
        lastLogged = now;
        app.log.error({ err: err.message }, 'rate-limit Redis unavailable: budgets are not enforced until it answers');
      });
      redis.on('ready', () => {
        if (lastLogged) app.log.info('rate-limit Redis answers again: budgets enforced');
        lastLogged = 0;
      });
      app.addHook('onClose', async () => {
        await redis!.quit().catch(() => redis!.disconnect());
      });
    }
    await app.register(rateLimit, {
      global: false,
      enableDraftSpec: true, // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After
      ...(redis ? { redis, nameSpace: limits.redisNameSpace, skipOnError: true } : {}),
      errorResponseBuilder: (request, { max, ttl }) =>
        tooMany(
          `Too many ${request.routeOptions.config.budget ?? (READ_METHODS.has(request.method) ? 'reads' : 'writes')} from this client: the limit is ${max} per ${seconds(limits.windowMs)}. Retry in ${Math.ceil(ttl / 1000)} s.`,
          Math.ceil(ttl / 1000),
        ),
    });
    // Each budget has its own key prefix: limiters made without a route share one store key prefix
    // in Redis (the plugin's child stores are keyed by route), so reads and writes would otherwise
    // count against one counter.
    const budget = (max: number, kind: string) =>
      max > 0
        ? app.rateLimit({ max, timeWindow: limits.windowMs, keyGenerator: (request) => `${kind}:${normalizeIP(request.ip)}` })
        : undefined;
    const reads = budget(limits.reads, 'reads');
    const writes = budget(limits.writes, 'writes');
    const analyses = budget(limits.analyses, 'analyses');
    if (reads || writes || analyses) {
      app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        // A route may stand outside the budgets (GET /health: a flood from one address must not
        // fail the health checks of every node behind the same proxy).
        if (request.routeOptions.config.rateLimit === false) return;
        const limiter = request.routeOptions.config.budget === 'analyses' ? analyses : READ_METHODS.has(request.method) ? reads : writes;
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
