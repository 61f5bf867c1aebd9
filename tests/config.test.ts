import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { DEFAULT_LIMITS } from '../src/shared/limits.js';

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: `${projectRoot}/db/editorial.sqlite`,
      databaseUrl: undefined,
      replicaUrls: [],
      analyzeTimeoutMs: 2000,
      logLevel: 'info',
      bodyLimit: 1048576,
      responseCacheBytes: 16 * 1024 * 1024,
      trustProxy: false,
      shutdownTimeoutMs: 10_000,
      workers: 1,
      limits: { ...DEFAULT_LIMITS, redisUrl: undefined },
    });
  });

  it('reads and converts the environment', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/data/x.sqlite',
      LOG_LEVEL: 'warn',
      BODY_LIMIT: '2048',
      RESPONSE_CACHE_MB: '0',
      TRUST_PROXY: '10.0.0.0/8',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '30',
      RATE_LIMIT_READS: '0',
      RATE_LIMIT_WRITES: '5',
      RATE_LIMIT_AUTH_FAILURES: '3',
      RATE_LIMIT_AUTH_WINDOW_SECONDS: '120',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      MAX_HEAP_USED_MB: '100',
      MAX_RSS_MB: '200',
      RETRY_AFTER_SECONDS: '5',
      MAX_URL_LENGTH: '4096',
      REDIS_URL: 'redis://cache.internal:6379/2',
      RATE_LIMIT_NAMESPACE: 'eda-prod:',
      RATE_LIMIT_ANALYSES: '7',
      ANALYZE_TIMEOUT_MS: '1500',
      WORKERS: '3',
    };
    expect(loadConfig(env)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/data/x.sqlite',
      databaseUrl: undefined,
      replicaUrls: [],
      analyzeTimeoutMs: 1500,
      logLevel: 'warn',
      bodyLimit: 2048,
      responseCacheBytes: 0,
      trustProxy: '10.0.0.0/8',
      shutdownTimeoutMs: 3000,
      workers: 3,
      limits: {
        windowMs: 30_000,
        reads: 0,
        writes: 5,
        analyses: 7,
        authFailures: 3,
        authFailureWindowMs: 120_000,
        maxEventLoopDelayMs: 0,
        maxHeapUsedBytes: 100 * 1024 * 1024,
        maxRssBytes: 200 * 1024 * 1024,
        retryAfterSeconds: 5,
        maxUrlLength: 4096,
        redisUrl: 'redis://cache.internal:6379/2',
        redisNameSpace: 'eda-prod:',
      },
    });
  });

  it('takes REDIS_URL only as redis:// or rediss://, and names budgets in Redis per deployment', () => {
    expect(loadConfig({}).limits.redisUrl).toBeUndefined();
    expect(loadConfig({}).limits.redisNameSpace).toBe('editorial-data-api:rate-limit:');
    expect(loadConfig({ REDIS_URL: 'rediss://u:p@host:6380' }).limits.redisUrl).toBe('rediss://u:p@host:6380');
    expect(() => loadConfig({ REDIS_URL: 'http://host:6379' })).toThrow(/REDIS_URL="http:\/\/host:6379" must match pattern/);
  });

  it('refuses invalid values with a message naming each', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(/PORT="70000" must be <= 65535; LOG_LEVEL="loud" must be equal to one of the allowed values/);
  });

  it('accepts TRUST_PROXY as true/false or a list of addresses, CIDRs and proxy-addr names', () => {
    const trust = (TRUST_PROXY: string) => loadConfig({ TRUST_PROXY }).trustProxy;
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(trust('10.0.0.0/8, 192.168.1.7,::1,fd00::/8')).toBe('10.0.0.0/8,192.168.1.7,::1,fd00::/8');
    expect(trust('loopback,uniquelocal')).toBe('loopback,uniquelocal');
    expect(trust('10.0.0.0/255.0.0.0')).toBe('10.0.0.0/255.0.0.0');
  });

  it('refuses any other TRUST_PROXY with a message, instead of a crash when the app starts', () => {
    for (const value of ['yes', '1.2.3', '10.0.0.0/33', '10.0.0.0/0', '::1/255.0.0.0', '10.0.0.1,', '-1', '1.5']) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(`Invalid configuration: TRUST_PROXY=${JSON.stringify(value)}`);
    }
    // Fastify 5 trusts no proxy for a hop count (it cannot check the peer): refused, not ignored.
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY="2" is a hop count, which Fastify does not honour/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes', PORT: 'x' })).toThrow(/PORT="x" must be integer; TRUST_PROXY="yes" must be/);
  });

  it('takes WORKERS as a number of processes from 1 to 64, or auto for one per core', () => {
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '64' }).workers).toBe(64);
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(Math.min(availableParallelism(), 64));
    for (const value of ['0', '65', '-1', '1.5', 'two', 'all', '2 workers']) {
      expect(() => loadConfig({ WORKERS: value }), value).toThrow(
        `Invalid configuration: WORKERS=${JSON.stringify(value)} must be an integer from 1 to 64, or auto (one per core)`,
      );
    }
    expect(() => loadConfig({ WORKERS: 'x', PORT: 'y' })).toThrow(/PORT="y" must be integer; WORKERS="x" must be/);
  });
});
