// Reads the configuration, listens, and closes gracefully on SIGTERM/SIGINT: no new connections,
// requests in flight finish (within SHUTDOWN_TIMEOUT_SECONDS), then the database is closed; exit 0.
// With WORKERS above 1 this process is the cluster's primary (src/cluster.ts), and each worker it
// forks runs the server below, told to shut down by the primary.
import cluster from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { isShutdownMessage, runPrimary } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './config.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (config.workers > 1 && cluster.isPrimary) await runPrimary(config, fileURLToPath(import.meta.url));
  else await serve(config);
}

async function serve(config: Config) {
  // A worker's log lines name it (its cluster id beside the pid), so one can tell which answered.
  const worker = cluster.worker;
  // The primary may ask a worker to stop while it is still starting: remembered, and acted on once
  // it listens. (If the primary dies, node:cluster ends its workers at once: no orphan.)
  let stopAsked: NodeJS.Signals | undefined;
  let onStopAsked: (signal: NodeJS.Signals) => void = (signal) => {
    stopAsked ??= signal;
  };
  if (worker) {
    process.on('message', (message) => {
      if (isShutdownMessage(message)) onStopAsked(message.signal);
    });
  }
  const app = await buildApp({
    databasePath: config.databasePath,
    databaseUrl: config.databaseUrl,
    replicaUrls: config.replicaUrls,
    analyzeTimeoutMs: config.analyzeTimeoutMs,
    logger: { level: config.logLevel, ...(worker && { base: { pid: process.pid, hostname: hostname(), worker: worker.id } }) },
    bodyLimit: config.bodyLimit,
    responseCacheBytes: config.responseCacheBytes,
    limits: config.limits,
    trustProxy: config.trustProxy,
  });
  // Requests in flight, so that a shutdown can close each one's connection once it is answered:
  // server.close() only ends the keep-alive connections idle at that moment, and one that becomes
  // idle later would hold the process for Fastify's keepAliveTimeout (72 s).
  const inFlight = new Set<ServerResponse>();
  app.server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals, fromPrimary = false) => {
    // The primary forwards the signal a terminal may also have sent this worker (Ctrl-C signals
    // the whole process group): not a second signal.
    if (shuttingDown && fromPrimary) return;
    if (shuttingDown) {
      app.log.warn({ signal }, 'second signal: exiting without waiting for requests in flight');
      process.exit(1);
    }
    shuttingDown = true;
    app.log.info({ signal, inFlight: inFlight.size }, 'shutting down');
    // New connections are refused and new requests on open ones answered 503 (Fastify's
    // return503OnClosing); requests in flight run to the end, then the onClose hooks close the
    // database (the last connection checkpoints the WAL and removes it).
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('connection', 'close');
      else {
        const socket = res.socket;
        res.once('finish', () => socket?.end());
      }
    }
    const timer = setTimeout(() => {
      app.log.error(
        { timeoutMs: config.shutdownTimeoutMs, inFlight: inFlight.size },
        'shutdown timed out: requests still in flight, exiting',
      );
      void app.store.close();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('closed: no request in flight, database closed');
        process.exit(0);
      },
      (err) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await app.listen({ port: config.port, host: config.host });
  onStopAsked = (signal) => shutdown(signal, true);
  if (stopAsked) shutdown(stopAsked, true);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
