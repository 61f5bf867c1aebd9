// Black-box: the real server process, as `npm start` runs it, on a real port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer as start } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'editorial-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const startServer = (env: Record<string, string>) => start({ DATABASE_PATH: join(dir, 'server.sqlite'), ...env });

describe('the server process', () => {
  it('serves the seeded API, the OpenAPI document and Swagger UI, then stops cleanly on SIGTERM', async () => {
    const server = startServer({});
    const base = await server.listening;
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    const articles = await (await fetch(`${base}/v1/articles`)).json();
    expect(articles.data.map((a: { id: string }) => a.id)).toEqual(['2026-01-10-anti-terrorism-fight']);
    const spec = await (await fetch(`${base}/openapi.json`)).json();
    expect(spec.info.title).toBe('Editorial Data API');
    const docs = await fetch(`${base}/docs/`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('swagger-ui');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 30_000);

  it('exits with code 1 and a clear message on an invalid setting', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration: PORT="eighty" must be integer');
  }, 30_000);

  it('exits with code 1 and a clear message on a TRUST_PROXY that is not true/false or addresses', async () => {
    const server = startServer({ TRUST_PROXY: 'yes' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration: TRUST_PROXY="yes" must be true, false or a comma-separated list of IP addresses or CIDRs');
    expect(server.output()).not.toContain('TypeError');
  }, 30_000);
});

describe('the first second after a start', () => {
  it('answers /health and reads at once on a new database, with load shedding on: start-up work is not load', async () => {
    for (let i = 0; i < 4; i++) {
      const server = start({ DATABASE_PATH: join(dir, `fresh-${i}.sqlite`) });
      const base = await server.listening;
      const statuses: string[] = [];
      // under-pressure samples once a second: poll across the first samples after listening.
      const until = Date.now() + 2_200;
      while (Date.now() < until) {
        const [health, read] = await Promise.all([fetch(`${base}/health`), fetch(`${base}/v1/articles?limit=1`)]);
        statuses.push(`${health.status}/${read.status}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(statuses.filter((s) => s !== '200/200'), `start ${i}: ${server.output().match(/shedding load.*/)?.[0] ?? ''}`).toEqual([]);
    }
  }, 60_000);
});
