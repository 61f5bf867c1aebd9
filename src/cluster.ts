// WORKERS=N: the primary process prepares the database once (migrations, and the seed on a new
// one), closes it, then forks N workers that each run the whole server (src/server.ts) and listen
// on the same HOST:PORT; node:cluster hands the connections to them in turn. The primary serves no
// request. It forwards SIGTERM/SIGINT to every worker (each shuts down gracefully, as a single
// process does), replaces a worker that exits unasked, stops the lot when workers keep crashing,
// and exits 0 once every worker has exited 0.
import cluster, { type Worker } from 'node:cluster';
import { hostname } from 'node:os';
import { pino } from 'pino';
import type { Config } from './config.js';
import { openPreparedStore } from './plugins/db.js';

/** The message the primary sends a worker to start its graceful shutdown. */
export interface ShutdownMessage {
  type: 'shutdown';
  signal: NodeJS.Signals;
}

export const isShutdownMessage = (message: unknown): message is ShutdownMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'shutdown';

/** More unasked worker exits than this within CRASH_WINDOW_MS is a crash loop: the primary gives up. */
export const MAX_CRASHES = 5;
export const CRASH_WINDOW_MS = 60_000;

/** `entry`: the module the workers run (the server's compiled src/server.js). */
export async function runPrimary(config: Config, entry: string): Promise<void> {
  const log = pino({ level: config.logLevel, base: { pid: process.pid, hostname: hostname(), role: 'primary' } });

  // Once, before any worker opens the database: two workers never race to migrate or seed it.
  const store = await openPreparedStore(
    { databasePath: config.databasePath, databaseUrl: config.databaseUrl, replicaUrls: config.replicaUrls },
    log,
  );
  await store.close();

  const crashes: number[] = [];
  const listening = new Set<number>();
  let stopping: { code: number } | undefined;

  const fork = () => cluster.fork();

  const stopAll = (signal: NodeJS.Signals, code: number) => {
    stopping = { code };
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    log.info({ signal, workers: workers.length }, 'stopping every worker');
    for (const worker of workers) {
      if (worker.isConnected()) worker.send({ type: 'shutdown', signal } satisfies ShutdownMessage);
      else worker.process.kill(signal);
    }
    // Each worker gives up on its requests after SHUTDOWN_TIMEOUT_SECONDS; this is the backstop.
    setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'workers still running after the shutdown timeout: killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000).unref();
    if (workers.length === 0) process.exit(code);
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    log.info({ worker: worker.id, workerPid: worker.process.pid, port: address.port }, 'worker listening');
    if (listening.size === config.workers) log.info({ workers: config.workers, port: address.port }, 'all workers listening');
  });

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    const left = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      // A worker that could not finish its requests in time (or was killed) makes the exit 1.
      if (code !== 0) stopping.code = 1;
      log.info({ worker: worker.id, workerPid: worker.process.pid, code, signal, left }, 'worker stopped');
      if (left === 0) {
        log.info({ code: stopping.code }, 'every worker stopped');
        process.exit(stopping.code);
      }
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! <= now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length > MAX_CRASHES) {
      log.fatal(
        { worker: worker.id, workerPid: worker.process.pid, code, signal, crashes: crashes.length, windowMs: CRASH_WINDOW_MS },
        `workers keep crashing (${crashes.length} exits within ${CRASH_WINDOW_MS / 1000} s): stopping the server; see the workers' errors above`,
      );
      stopAll('SIGTERM', 1);
      return;
    }
    log.error({ worker: worker.id, workerPid: worker.process.pid, code, signal }, 'worker exited unexpectedly: starting a replacement');
    fork();
  });

  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  function onSignal(signal: NodeJS.Signals) {
    if (stopping) {
      // As a single process does: a second signal stops without waiting for requests in flight
      // (each worker exits 1 at its second signal).
      log.warn({ signal }, 'second signal: every worker exits without waiting for requests in flight');
      stopping.code = 1;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      return;
    }
    stopAll(signal, 0);
  }

  // Explicit, whatever started the primary (npm start runs it through scripts/dist.mjs).
  cluster.setupPrimary({ exec: entry, args: [] });
  log.info({ workers: config.workers }, 'starting workers');
  for (let i = 0; i < config.workers; i++) fork();
}
