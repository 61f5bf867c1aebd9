import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildTestApp, selectRows, testApp } from './helpers/app.js';
import { indusOpEd } from './helpers/fixtures.js';

describe('API keys', () => {
  it('verifies a key by its hash, refuses a tampered or revoked one', async () => {
    const app = await testApp();
    const key = await app.store.createKey('desk', ['write', 'read']);
    expect(await app.store.verifyKey(key)).toEqual(['write', 'read']);
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await app.store.verifyKey(tampered)).toBeUndefined();
    expect(await app.store.verifyKey('eda_0000000000000000_' + 'x'.repeat(43))).toBeUndefined();
    expect(await app.store.verifyKey('not a key')).toBeUndefined();
    const stored = await selectRows(app, 'SELECT * FROM api_keys');
    expect(JSON.stringify(stored)).not.toContain(key.slice('eda_0123456789abcdef_'.length));
    await app.store.revokeKey('desk');
    expect(await app.store.verifyKey(key)).toBeUndefined();
    expect((await app.store.listKeys())[0]).toMatchObject({ name: 'desk', revokedAt: expect.any(String), lastUsedAt: expect.any(String) });
  });
});

describe('logs', () => {
  // The request serializer (src/app.ts) logs no header and masks a key in the URL: this fails if it
  // logs headers (Authorization holds a key) or stops masking (the URL holds one).
  it('never contain the API key, even at trace level', async () => {
    let logs = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = await buildTestApp({ logger: { level: 'trace', stream } });
    const key = await app.store.createKey('desk', ['write']);
    const secret = key.slice('eda_0123456789abcdef_'.length);
    const ok = await app.inject({ method: 'POST', url: '/v1/articles', payload: indusOpEd(), headers: { authorization: `Bearer ${key}` } });
    expect(ok.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/v1/articles', payload: {}, headers: { authorization: `Bearer ${key}x` } });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).not.toContain(key);
    // A key pasted into the URL by mistake, with another in the Authorization header.
    const pasted = await app.inject({ method: 'GET', url: `/v1/articles?cursor=${key}`, headers: { authorization: `Bearer ${key}` } });
    expect(pasted.statusCode).toBe(400);
    await app.close();
    const entries = logs
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { req?: { url?: string; headers?: unknown } });
    // The requests were logged, with the URL's key masked.
    expect(entries.filter((entry) => entry.req?.url === '/v1/articles')).toHaveLength(2);
    expect(entries.some((entry) => entry.req?.url === `/v1/articles?cursor=${key.slice(0, 'eda_0123456789abcdef'.length)}_[redacted]`)).toBe(true);
    expect(logs).not.toContain(secret);
  });
});
