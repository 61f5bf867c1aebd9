// The environment, read and validated once. An invalid value stops the process with a clear
// message (exit code 1) instead of a half-working server.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { projectRoot } from './paths.js';
import { DEFAULT_LIMITS, type Limits } from './shared/limits.js';

const MB = 1024 * 1024;

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'db/editorial.sqlite' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_REPLICA_URLS: Type.Optional(Type.String({ pattern: '^postgres(ql)?://[^,]+(,\\s*postgres(ql)?://[^,]+)*$' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  RATE_LIMIT_NAMESPACE: Type.String({ minLength: 1, maxLength: 200, default: DEFAULT_LIMITS.redisNameSpace }),
  LOG_LEVEL: Type.String({ enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024 }),
  RESPONSE_CACHE_MB: Type.Integer({ minimum: 0, maximum: 4096, default: 16 }),
  TRUST_PROXY: Type.String({ minLength: 1, default: 'false' }),
  SHUTDOWN_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 10 }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: DEFAULT_LIMITS.windowMs / 1000 }),
  RATE_LIMIT_READS: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.reads }),
  RATE_LIMIT_WRITES: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.writes }),
  RATE_LIMIT_ANALYSES: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.analyses }),
  ANALYZE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 2000 }),
  RATE_LIMIT_AUTH_FAILURES: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.authFailures }),
  RATE_LIMIT_AUTH_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: DEFAULT_LIMITS.authFailureWindowMs / 1000 }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.maxEventLoopDelayMs }),
  MAX_HEAP_USED_MB: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.maxHeapUsedBytes / MB }),
  MAX_RSS_MB: Type.Integer({ minimum: 0, default: DEFAULT_LIMITS.maxRssBytes / MB }),
  RETRY_AFTER_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: DEFAULT_LIMITS.retryAfterSeconds }),
  MAX_URL_LENGTH: Type.Integer({ minimum: 256, maximum: 65_536, default: DEFAULT_LIMITS.maxUrlLength }),
  // A number of processes, or `auto` (read by parseWorkers, which names what is wrong).
  WORKERS: Type.String({ minLength: 1, default: '1' }),
});

/** The most server processes WORKERS may ask for. */
export const MAX_WORKERS = 64;

export interface Config {
  port: number;
  host: string;
  /** Absolute; a relative DATABASE_PATH is taken from the project root, so the CLI and server agree. */
  databasePath: string;
  /** PostgreSQL instead of SQLite: the primary's URL. */
  databaseUrl?: string;
  /** PostgreSQL streaming replicas that serve reads. */
  replicaUrls: string[];
  /** How long POST /v1/analyze may read one text, in ms. */
  analyzeTimeoutMs: number;
  logLevel: string;
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimit: number;
  /** Memory for GET responses kept until the next write, in bytes; 0 turns it off. */
  responseCacheBytes: number;
  /** Fastify's trustProxy: false, true, or the proxies' addresses; the client's address keys rate limits. */
  trustProxy: boolean | string;
  /** How long requests in flight may run after SIGTERM before the process exits 1, in ms. */
  shutdownTimeoutMs: number;
  /** Server processes sharing the port (node:cluster); 1 serves from this process alone. */
  workers: number;
  limits: Limits;
}

export class ConfigError extends Error {}

const validate = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true }).compile<Static<typeof ConfigSchema>>(
  ConfigSchema,
);

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts in a list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...more] = entry.split('/');
  const version = isIP(address);
  if (!version || more.length) return false;
  if (prefix === undefined) return true;
  // As proxy-addr (Fastify's) takes them: a prefix length from 1, or an IPv4 netmask.
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(prefix) === 4;
}

/**
 * TRUST_PROXY as Fastify takes it: true or false, or a comma-separated list of addresses and
 * CIDRs. Anything else is a message: Fastify would throw a TypeError at start on a word, and
 * since 5.x silently trusts nothing for a hop count (it cannot check the immediate peer).
 */
function parseTrustProxy(value: string): { trustProxy: boolean | string } | { problem: string } {
  if (value === 'true') return { trustProxy: true };
  if (value === 'false') return { trustProxy: false };
  const problem = `TRUST_PROXY=${JSON.stringify(value)}`;
  if (/^\d+$/.test(value)) {
    return { problem: `${problem} is a hop count, which Fastify does not honour (it would trust no proxy): list the proxies' addresses or CIDRs` };
  }
  const entries = value.split(',').map((e) => e.trim());
  if (entries.every(isAddressOrRange)) return { trustProxy: entries.join(',') };
  return { problem: `${problem} must be true, false or a comma-separated list of IP addresses or CIDRs (or loopback, linklocal, uniquelocal)` };
}

/** WORKERS: an integer from 1 to MAX_WORKERS, or `auto` for the number of cores this process may use. */
function parseWorkers(value: string): { workers: number } | { problem: string } {
  if (value === 'auto') return { workers: Math.min(availableParallelism(), MAX_WORKERS) };
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_WORKERS) return { workers: Number(value) };
  return { problem: `WORKERS=${JSON.stringify(value)} must be an integer from 1 to ${MAX_WORKERS}, or auto (one per core)` };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const keys = Object.keys(ConfigSchema.properties) as Array<keyof typeof ConfigSchema.properties>;
  const raw: Record<string, unknown> = {};
  for (const key of keys) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const problems = validate(raw)
    ? []
    : (validate.errors ?? []).map((e) => {
        const key = e.instancePath.slice(1);
        return `${key}=${JSON.stringify(env[key])} ${e.message}`;
      });
  const trust = parseTrustProxy(env.TRUST_PROXY || 'false');
  if ('problem' in trust) problems.push(trust.problem);
  const workers = parseWorkers((env.WORKERS || '1').trim());
  if ('problem' in workers) problems.push(workers.problem);
  if (problems.length || 'problem' in trust || 'problem' in workers) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const c = raw as Static<typeof ConfigSchema>;
  const databasePath =
    c.DATABASE_PATH === ':memory:' || isAbsolute(c.DATABASE_PATH) ? c.DATABASE_PATH : resolve(projectRoot, c.DATABASE_PATH);
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath,
    databaseUrl: c.DATABASE_URL,
    analyzeTimeoutMs: c.ANALYZE_TIMEOUT_MS,
    replicaUrls: c.DATABASE_REPLICA_URLS ? c.DATABASE_REPLICA_URLS.split(',').map((u) => u.trim()) : [],
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.BODY_LIMIT,
    responseCacheBytes: c.RESPONSE_CACHE_MB * MB,
    trustProxy: trust.trustProxy,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    workers: workers.workers,
    limits: {
      windowMs: c.RATE_LIMIT_WINDOW_SECONDS * 1000,
      reads: c.RATE_LIMIT_READS,
      writes: c.RATE_LIMIT_WRITES,
      analyses: c.RATE_LIMIT_ANALYSES,
      authFailures: c.RATE_LIMIT_AUTH_FAILURES,
      authFailureWindowMs: c.RATE_LIMIT_AUTH_WINDOW_SECONDS * 1000,
      maxEventLoopDelayMs: c.MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: c.MAX_HEAP_USED_MB * MB,
      maxRssBytes: c.MAX_RSS_MB * MB,
      retryAfterSeconds: c.RETRY_AFTER_SECONDS,
      maxUrlLength: c.MAX_URL_LENGTH,
      redisUrl: c.REDIS_URL,
      redisNameSpace: c.RATE_LIMIT_NAMESPACE,
    },
  };
}
