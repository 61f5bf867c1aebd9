// The environment, read and validated once. An invalid value stops the process with a clear
// message (exit code 1) instead of a half-working server.
import { isAbsolute, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { projectRoot } from './paths.js';

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'db/editorial.sqlite' }),
  LOG_LEVEL: Type.String({ enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024 }),
  RESPONSE_CACHE_MB: Type.Integer({ minimum: 0, maximum: 4096, default: 16 }),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute; a relative DATABASE_PATH is taken from the project root, so the CLI and server agree. */
  databasePath: string;
  logLevel: string;
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimit: number;
  /** Memory for GET responses kept until the next write, in bytes; 0 turns it off. */
  responseCacheBytes: number;
}

export class ConfigError extends Error {}

const validate = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true }).compile<Static<typeof ConfigSchema>>(
  ConfigSchema,
);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const keys = Object.keys(ConfigSchema.properties) as Array<keyof typeof ConfigSchema.properties>;
  const raw: Record<string, unknown> = {};
  for (const key of keys) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => {
      const key = e.instancePath.slice(1);
      return `${key}=${JSON.stringify(env[key])} ${e.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const c = raw as Static<typeof ConfigSchema>;
  const databasePath =
    c.DATABASE_PATH === ':memory:' || isAbsolute(c.DATABASE_PATH) ? c.DATABASE_PATH : resolve(projectRoot, c.DATABASE_PATH);
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.BODY_LIMIT,
    responseCacheBytes: c.RESPONSE_CACHE_MB * 1024 * 1024,
  };
}
