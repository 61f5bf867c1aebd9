// What one client, or the whole process, may ask of the server, with the defaults that the
// configuration, the limits plugin and the OpenAPI document all read.
export interface Limits {
  /** Length of the read and write budgets' window, in ms. */
  windowMs: number;
  /** GET/HEAD/OPTIONS requests per client per window; 0 for no limit. */
  reads: number;
  /** POST/PUT/PATCH/DELETE requests per client per window; 0 for no limit. */
  writes: number;
  /** POST /v1/analyze requests per client per window (their own budget: reading is costly); 0 for no limit. */
  analyses: number;
  /** Refused API keys (401/403) per client per `authFailureWindowMs`; then 429 for any keyed request. */
  authFailures: number;
  authFailureWindowMs: number;
  /** Shed load (503) when the event loop lags more than this, in ms; 0 for no check. */
  maxEventLoopDelayMs: number;
  /** Shed load (503) above this much V8 heap in use, in bytes; 0 for no check. */
  maxHeapUsedBytes: number;
  /** Shed load (503) above this resident set size, in bytes; 0 for no check. */
  maxRssBytes: number;
  /** Retry-After sent with a 503 under pressure, in seconds. */
  retryAfterSeconds: number;
  /** Longest request URL (path and query string) in characters; 414 above it. */
  maxUrlLength: number;
  /**
   * Redis (redis:// or rediss://) holding the request budgets, so that every node behind a load
   * balancer counts against the same ones; unset, each process keeps its own.
   */
  redisUrl?: string;
  /** Prefix of the budgets' keys in Redis: one per deployment sharing a Redis server. */
  redisNameSpace: string;
}

export const DEFAULT_LIMITS: Limits = {
  windowMs: 60_000,
  reads: 600,
  writes: 60,
  analyses: 30,
  authFailures: 10,
  authFailureWindowMs: 15 * 60_000,
  maxEventLoopDelayMs: 1000,
  maxHeapUsedBytes: 1536 * 1024 * 1024,
  maxRssBytes: 2048 * 1024 * 1024,
  retryAfterSeconds: 10,
  maxUrlLength: 2048,
  redisNameSpace: 'editorial-data-api:rate-limit:',
};
