// The limits a client meets: request budgets, the failed-key budget, load shedding, size caps,
// security headers and CORS. Each app here sets only the limit under test; the rest are off.
import { describe, expect, it } from 'vitest';
import { checkProblem, SEED_ID, testApp } from './helpers/app.js';
import { syntheticArticle } from './helpers/fixtures.js';

const ORIGIN = 'https://newsroom.example';

describe('request budgets per client (@fastify/rate-limit)', () => {
  it('counts reads against their budget with RateLimit-* headers, then answers 429 with Retry-After', async () => {
    const app = await testApp({ limits: { reads: 3, windowMs: 60_000 } });
    const remaining: string[] = [];
    for (const url of ['/v1/articles', '/v1/actors', `/v1/articles/${SEED_ID}`]) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    // One budget for every read route, not one per route.
    expect(remaining).toEqual(['2', '1', '0']);
    const res = await app.inject('/v1/recommendations');
    const problem = checkProblem(res, 429);
    expect(problem.detail).toBe('Too many reads from this client: the limit is 3 per 60 s. Retry in 60 s.');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['ratelimit-remaining']).toBe('0');
  });

  it('gives writes their own, stricter budget, and a refused write changes nothing', async () => {
    const app = await testApp({ limits: { reads: 100, writes: 2 } });
    const key = await app.store.createKey('desk', ['write']);
    const post = (n: number) =>
      app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${key}` }, payload: syntheticArticle(n) });
    expect((await post(1)).statusCode).toBe(201);
    expect((await post(2)).statusCode).toBe(201);
    const refused = await post(3);
    expect(checkProblem(refused, 429).detail).toContain('Too many writes from this client: the limit is 2 per 60 s');
    // Nothing was written by the refused request, and reads still have their budget.
    const list = await app.inject('/v1/articles?limit=100');
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body).data).toHaveLength(3);
    expect(list.headers['ratelimit-limit']).toBe('100');
  });

  it('keeps one budget per client address', async () => {
    const app = await testApp({ limits: { reads: 1 } });
    expect((await app.inject({ url: '/v1/articles', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/articles', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await app.inject({ url: '/v1/articles', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
  });

  it('names the client from X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const direct = await testApp({ limits: { reads: 1 } });
    const spoof = (app: typeof direct, ip: string) =>
      app.inject({ url: '/v1/articles', remoteAddress: '10.0.0.9', headers: { 'x-forwarded-for': ip } });
    expect((await spoof(direct, '1.1.1.1')).statusCode).toBe(200);
    // A forged header does not buy a fresh budget.
    expect((await spoof(direct, '2.2.2.2')).statusCode).toBe(429);

    const proxied = await testApp({ limits: { reads: 1 }, trustProxy: true });
    expect((await spoof(proxied, '1.1.1.1')).statusCode).toBe(200);
    expect((await spoof(proxied, '2.2.2.2')).statusCode).toBe(200);
    expect((await spoof(proxied, '2.2.2.2')).statusCode).toBe(429);
  });
});

describe('the health check and the budgets', () => {
  it('never counts or refuses /health: a flood of reads from one address leaves it answering 200', async () => {
    const app = await testApp({ limits: { reads: 2 } });
    const from = { remoteAddress: '10.9.9.9' };
    for (let i = 0; i < 5; i++) {
      const health = await app.inject({ url: '/health', ...from });
      expect(health.statusCode).toBe(200);
      expect(health.headers['ratelimit-limit']).toBeUndefined();
    }
    // The reads are still limited, and /health spent none of their budget.
    expect((await app.inject({ url: '/v1/articles', ...from })).headers['ratelimit-remaining']).toBe('1');
    expect((await app.inject({ url: '/v1/articles', ...from })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/articles', ...from })).statusCode).toBe(429);
    expect((await app.inject({ url: '/health', ...from })).statusCode).toBe(200);
  });

  it('says so in the OpenAPI document', async () => {
    const app = await testApp();
    const spec = JSON.parse((await app.inject('/openapi.json')).body);
    const health = spec.paths['/health'].get;
    expect(health.description).toContain('not rate-limited');
    expect(health.responses['429']).toBeUndefined();
  });
});

describe('the failed-authentication budget', () => {
  it('answers 429 to every keyed request once a client has spent it, even with a good key', async () => {
    const app = await testApp({ limits: { authFailures: 3 } });
    const good = await app.store.createKey('desk', ['write']);
    const readOnly = await app.store.createKey('reader', ['read']);
    const del = (key: string, remoteAddress = '10.1.1.1') =>
      app.inject({ method: 'DELETE', url: '/v1/articles/no-such-article', remoteAddress, headers: { authorization: `Bearer ${key}` } });

    expect((await del('eda_0000000000000000_guess')).statusCode).toBe(401);
    expect((await del(readOnly)).statusCode).toBe(403);
    expect((await del('not-even-a-key')).statusCode).toBe(401);
    const blocked = await del(good);
    expect(checkProblem(blocked, 429).detail).toBe(
      'Too many refused API keys from this client: the limit is 3 per 900 s. Retry in 900 s.',
    );
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Another client is unaffected, and successes never counted.
    expect((await del(good, '10.1.1.2')).statusCode).toBe(404);
    expect((await del(good, '10.1.1.2')).statusCode).toBe(404);
    expect((await del(good, '10.1.1.2')).statusCode).toBe(404);
    expect((await del(good, '10.1.1.2')).statusCode).toBe(404);
    // Reads need no key and spend nothing.
    expect((await app.inject({ url: '/v1/articles', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  });

  it('does not count a request that sent no key at all', async () => {
    const app = await testApp({ limits: { authFailures: 1 } });
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${SEED_ID}` })).statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${SEED_ID}`, headers: { authorization: 'Bearer x' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: `/v1/articles/${SEED_ID}`, headers: { authorization: 'Bearer x' } })).statusCode).toBe(429);
  });
});

describe('load shedding (@fastify/under-pressure)', () => {
  it('answers 503 problem+json with Retry-After when memory passes its limit', async () => {
    const app = await testApp({ limits: { maxHeapUsedBytes: 1, retryAfterSeconds: 7 } });
    // under-pressure samples once a second by default.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const res = await app.inject('/v1/articles');
    const problem = checkProblem(res, 503);
    expect(problem.detail).toBe('The server is overloaded (its memory is nearly full); retry after 7 s.');
    expect(res.headers['retry-after']).toBe('7');
  });

  it('answers 503 when the event loop lags, counting only what happens once the app is ready', async () => {
    const app = await testApp({ limits: { maxEventLoopDelayMs: 100, retryAfterSeconds: 3 } });
    await app.ready();
    const block = Date.now() + 1_500;
    while (Date.now() < block); // a saturated event loop
    // The lag shows from the next sample (once a second) for one interval.
    let res = await app.inject('/v1/articles');
    for (let i = 0; i < 30 && res.statusCode === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await app.inject('/v1/articles');
    }
    expect(checkProblem(res, 503).detail).toBe('The server is overloaded (its event loop is saturated); retry after 3 s.');
    expect(res.headers['retry-after']).toBe('3');
    // The next samples find an idle loop again.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await app.inject('/v1/articles')).statusCode).toBe(200);
  }, 15_000);

  it('serves normally under its default thresholds', async () => {
    const app = await testApp({ limits: { maxEventLoopDelayMs: 1000, maxHeapUsedBytes: 1536 * 1024 * 1024, maxRssBytes: 2048 * 1024 * 1024 } });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await app.inject('/v1/articles')).statusCode).toBe(200);
  });
});

describe('size caps', () => {
  it('answers 414 to a URL longer than MAX_URL_LENGTH, before any work', async () => {
    const app = await testApp({ limits: { maxUrlLength: 300 } });
    const problem = checkProblem(await app.inject(`/v1/articles?q=${'a'.repeat(300)}`), 414);
    expect(problem.title).toBe('URI Too Long');
    expect(problem.detail).toBe('The URL is 315 characters long; the limit is 300. Shorten the query.');
    expect((await app.inject(`/v1/articles?q=${'a'.repeat(200)}`)).statusCode).toBe(200);
  });

  it('refuses a page size above 100, an include outside the listed parts, and search text over 500 characters', async () => {
    const app = await testApp();
    expect(checkProblem(await app.inject('/v1/recommendations?limit=101'), 400).errors).toEqual([
      { path: '/limit', message: 'must be <= 100' },
    ]);
    expect((await app.inject(`/v1/articles/${SEED_ID}?include=body,actors,body,evil`)).statusCode).toBe(400);
    expect((await app.inject(`/v1/articles/${SEED_ID}?include=${'body,'.repeat(25)}body`)).statusCode).toBe(400);
    expect((await app.inject(`/v1/search?q=${'a'.repeat(501)}`)).statusCode).toBe(400);
  });

  it('answers 413 to a body over BODY_LIMIT without reading it all', async () => {
    const app = await testApp({ bodyLimit: 2048 });
    const key = await app.store.createKey('desk', ['write']);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify(syntheticArticle(1)).padEnd(4096, ' '),
    });
    expect(checkProblem(res, 413).detail).toBe('The request body is larger than the limit of 2048 bytes.');
  });
});

describe('security headers (@fastify/helmet)', () => {
  it('sends a Content-Security-Policy that keeps Swagger UI to its own scripts and styles', async () => {
    const app = await testApp();
    for (const url of ['/docs/', '/v1/articles']) {
      const res = await app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    // Swagger UI loads only same-origin scripts, which the policy allows.
    const page = (await app.inject('/docs/')).body;
    const scripts = [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).not.toMatch(/^(https?:)?\/\//);
    expect(page).not.toMatch(/<script(?![^>]*src=)[^>]*>\s*\S/);
  });
});

describe('CORS (@fastify/cors)', () => {
  it('opens reads to any origin and exposes the caching and rate-limit headers', async () => {
    const app = await testApp();
    const res = await app.inject({ url: '/v1/articles', headers: { origin: ORIGIN } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
    expect(String(res.headers['access-control-expose-headers'])).toContain('RateLimit-Remaining');
    expect(String(res.headers['access-control-expose-headers'])).toContain('Revision');

    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/recommendations',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });

  it('offers writes to no other origin: the preflight is refused and a write carries no CORS header', async () => {
    const app = await testApp();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/articles',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    checkProblem(preflight, 405);

    const key = await app.store.createKey('desk', ['write']);
    const write = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: { origin: ORIGIN, authorization: `Bearer ${key}` },
      payload: syntheticArticle(7),
    });
    expect(write.statusCode).toBe(201);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the limits in the OpenAPI document', () => {
  it('documents 414, 429 (with its headers) and 503 on every operation but /health, and a Limits section', async () => {
    const app = await testApp();
    const spec = JSON.parse((await app.inject('/openapi.json')).body);
    expect(spec.info.description).toContain('**Limits**');
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, any> }>>(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path === '/health') continue; // exempt from the budgets (above)
        for (const status of ['414', '429', '503']) expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
        expect(Object.keys(op.responses['429'].headers)).toEqual(['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
      }
    }
  });
});
