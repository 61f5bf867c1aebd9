import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: `${projectRoot}/db/editorial.sqlite`,
      logLevel: 'info',
      bodyLimit: 1048576,
      responseCacheBytes: 16 * 1024 * 1024,
    });
  });

  it('reads and converts the environment', () => {
    const env = { PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/data/x.sqlite', LOG_LEVEL: 'warn', BODY_LIMIT: '2048', RESPONSE_CACHE_MB: '0' };
    expect(loadConfig(env)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/data/x.sqlite',
      logLevel: 'warn',
      bodyLimit: 2048,
      responseCacheBytes: 0,
    });
  });

  it('refuses invalid values with a message naming each', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(/PORT="70000" must be <= 65535; LOG_LEVEL="loud" must be equal to one of the allowed values/);
  });
});
