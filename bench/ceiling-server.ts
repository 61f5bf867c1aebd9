// The ceiling for the benchmark: a bare Fastify app that answers each sampled URL with the exact
// bytes (and content-type, ETag, Cache-Control) the real server gave for it, pre-serialized. No
// database, no validation, no serialization: what the real server would reach if its handlers
// cost nothing. Started by bench/run.ts as a child process:
//
//   node --import tsx bench/ceiling-server.ts <responses.json> <port>
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface Stored {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const [file, portText] = process.argv.slice(2);
if (!file || !portText) {
  console.error('usage: ceiling-server <responses.json> <port>');
  process.exit(2);
}

// CEILING_WORKERS=N: N processes share the port, as the real server's WORKERS=N do.
const workers = Number(process.env.CEILING_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
  }
} else {
  await serve(file, Number(portText));
}

async function serve(file: string, port: number) {
  const responses = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  for (const r of JSON.parse(readFileSync(file, 'utf8')) as Stored[]) {
    responses.set(r.url, { body: Buffer.from(r.body, 'utf8'), headers: r.headers });
  }

  const app = Fastify({ logger: false });
  app.get('/*', (request, reply) => {
    const hit = responses.get(request.url);
    if (!hit) return reply.code(404).type('application/json').send('{"error":"not sampled"}');
    return reply.headers(hit.headers).send(hit.body);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));

  await app.listen({ port, host: '127.0.0.1' }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
