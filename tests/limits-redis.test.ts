// Request budgets shared through Redis (REDIS_URL): every app on the same Redis and namespace
// counts against the same budgets; reads, writes and refused keys stay separate budgets; a Redis
// that does not answer lets requests through. Needs TEST_REDIS_URL (skipped otherwise).
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/pg-cluster.js';
import { checkProblem, testApp } from './helpers/app.js';
import { syntheticArticle } from './helpers/fixtures.js';
import { deleteNameSpace, namespaceKeys, REDIS_SKIP_MESSAGE, redisAnswers, TEST_REDIS_URL, uniqueNameSpace } from './helpers/redis.js';

const available = await redisAnswers();
if (!available) console.warn(REDIS_SKIP_MESSAGE);

describe.skipIf(!available)('request budgets shared through Redis (REDIS_URL)', () => {
  const spaces: string[] = [];
  const space = (label: string) => {
    const ns = uniqueNameSpace(label);
    spaces.push(ns);
    return ns;
  };
  afterAll(async () => {
    for (const ns of spaces) await deleteNameSpace(ns);
    for (const ns of spaces) expect(await namespaceKeys(ns)).toEqual([]);
  });

  it('two apps on one Redis share the read budget, and writes keep a budget of their own', async () => {
    const redisNameSpace = space('shared');
    const limits = { reads: 3, writes: 2, windowMs: 60_000, redisUrl: TEST_REDIS_URL, redisNameSpace };
    const [a, b] = [await testApp({ limits }), await testApp({ limits })];
    const read = async (app: typeof a) => {
      const res = await app.inject('/v1/articles');
      return [res.statusCode, res.headers['ratelimit-remaining']];
    };
    // The second app's reads count against the first's: 3 in all, whichever app answers.
    expect(await read(a)).toEqual([200, '2']);
    expect(await read(b)).toEqual([200, '1']);
    expect(await read(a)).toEqual([200, '0']);
    expect((await read(b))[0]).toBe(429);
    const refused = await a.inject('/v1/actors');
    expect(checkProblem(refused, 429).detail).toMatch(/^Too many reads from this client: the limit is 3 per 60 s\. Retry in (59|60) s\.$/);

    // Writes are their own budget (2), also shared: spent reads do not refuse them.
    const keyA = await a.store.createKey('desk', ['write']);
    const keyB = await b.store.createKey('desk', ['write']);
    const post = (app: typeof a, key: string, n: number) =>
      app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: `Bearer ${key}` }, payload: syntheticArticle(n) });
    const first = await post(a, keyA, 1);
    expect(first.statusCode).toBe(201);
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect((await post(b, keyB, 2)).statusCode).toBe(201);
    expect(checkProblem(await post(b, keyB, 3), 429).detail).toContain('Too many writes from this client: the limit is 2 per 60 s');
    expect((await post(a, keyA, 4)).statusCode).toBe(429);

    // One counter per budget and client, under the namespace.
    const keys = await namespaceKeys(redisNameSpace);
    expect(keys.map((k) => k.replace(/^.*-(reads|writes):/, '$1:')).sort()).toEqual(['reads:127.0.0.1', 'writes:127.0.0.1']);
  });

  it('another namespace is another deployment: its budgets start afresh', async () => {
    const limits = { reads: 1, windowMs: 60_000, redisUrl: TEST_REDIS_URL };
    const a = await testApp({ limits: { ...limits, redisNameSpace: space('one') } });
    const b = await testApp({ limits: { ...limits, redisNameSpace: space('two') } });
    expect((await a.inject('/v1/articles')).statusCode).toBe(200);
    expect((await a.inject('/v1/articles')).statusCode).toBe(429);
    expect((await b.inject('/v1/articles')).statusCode).toBe(200);
  });

  it('refused keys are counted across apps too, apart from reads', async () => {
    const limits = { reads: 100, authFailures: 2, windowMs: 60_000, redisUrl: TEST_REDIS_URL, redisNameSpace: space('auth') };
    const [a, b] = [await testApp({ limits }), await testApp({ limits })];
    const bad = (app: typeof a) =>
      app.inject({ method: 'POST', url: '/v1/articles', headers: { authorization: 'Bearer eda_not_a_key' }, payload: syntheticArticle(9) });
    expect((await bad(a)).statusCode).toBe(401);
    expect((await bad(b)).statusCode).toBe(401);
    expect((await bad(a)).statusCode).toBe(429);
    expect((await b.inject('/v1/articles')).statusCode).toBe(200);
  });

  it('a Redis that does not answer lets requests through, and says so in the log', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const port = await freePort(); // nothing listens there
    const app = await testApp({
      limits: { reads: 1, windowMs: 60_000, redisUrl: `redis://127.0.0.1:${port}`, redisNameSpace: space('down') },
      logger: { level: 'error', stream },
    });
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) expect((await app.inject('/v1/articles')).statusCode).toBe(200);
    const ms = performance.now() - t0;
    console.info(`rate limits with Redis down: 3 reads admitted in ${ms.toFixed(0)} ms`);
    expect(lines.join('')).toContain('rate-limit Redis unavailable: budgets are not enforced until it answers');
  });
});
