import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createKey, listKeys, revokeKey, verifyKey } from '../src/modules/keys/keys.repository.js';
import { testApp } from './helpers/app.js';
import { indusOpEd } from './helpers/fixtures.js';

describe('API keys', () => {
  it('verifies a key by its hash, refuses a tampered or revoked one', async () => {
    const app = await testApp();
    const key = createKey(app.db, 'desk', ['write', 'read']);
    expect(verifyKey(app.db, key)).toEqual(['write', 'read']);
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(verifyKey(app.db, tampered)).toBeUndefined();
    expect(verifyKey(app.db, 'eda_0000000000000000_' + 'x'.repeat(43))).toBeUndefined();
    expect(verifyKey(app.db, 'not a key')).toBeUndefined();
    const stored = app.sqlite.prepare('SELECT * FROM api_keys').all() as Array<Record<string, unknown>>;
    expect(JSON.stringify(stored)).not.toContain(key.slice('eda_0123456789abcdef_'.length));
    revokeKey(app.db, 'desk');
    expect(verifyKey(app.db, key)).toBeUndefined();
    expect(listKeys(app.db)[0]).toMatchObject({ name: 'desk', revokedAt: expect.any(String), lastUsedAt: expect.any(String) });
  });
});

describe('logs', () => {
  it('never contain the API key, even at trace level', async () => {
    let logs = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ databasePath: ':memory:', logger: { level: 'trace', stream } });
    const key = createKey(app.db, 'desk', ['write']);
    const ok = await app.inject({ method: 'POST', url: '/v1/articles', payload: indusOpEd(), headers: { authorization: `Bearer ${key}` } });
    expect(ok.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/v1/articles', payload: {}, headers: { authorization: `Bearer ${key}x` } });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).not.toContain(key);
    await app.close();
    expect(logs.length).toBeGreaterThan(100);
    expect(logs).not.toContain(key.slice('eda_0123456789abcdef_'.length));
  });
});
