// API keys: `eda_<publicId>_<secret>`. The public id finds the stored key; the secret is compared
// as a sha256 hash in constant time. A fast hash is enough here because the secret is 32 random
// bytes, not a password: there is nothing to guess from a leaked hash. Every engine stores keys
// the same way; this is the part that does not touch storage.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { apiKeys } from '../../db/schema.js';
import { Scopes } from '../../db/vocabularies.js';

export const SCOPES = Scopes;
export type Scope = (typeof SCOPES)[number];

/** A key as `keys list` shows it: never its secret. */
export type KeyInfo = Pick<typeof apiKeys.$inferSelect, 'name' | 'scopes' | 'createdAt' | 'revokedAt' | 'lastUsedAt'>;

const KEY_PATTERN = /^eda_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Hides anything shaped like a key's secret in `text` (a logged URL, say), keeping its public id. */
export const maskKeys = (text: string) => text.replace(/(eda_[0-9a-f]{16})_[A-Za-z0-9_-]+/g, '$1_[redacted]');

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

export class KeyError extends Error {}

/** Checks a new key's name and scopes, then draws it: the key to show once and what to store. */
export function newKey(name: string, scopes: readonly string[]) {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) {
    throw new KeyError(`invalid key name '${name}': use 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (scopes.length === 0) throw new KeyError('a key needs at least one --scope (read or write)');
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length) throw new KeyError(`unknown scope(s) ${bad.join(', ')}; use ${SCOPES.join(' or ')}`);
  const publicId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return {
    key: `eda_${publicId}_${secret}`,
    row: { name, publicId, secretHash: hashSecret(secret).toString('hex'), scopes: [...new Set(scopes)] as Scope[] },
  };
}

export const nameTaken = (name: string) =>
  new KeyError(`a key named '${name}' already exists (names are never reused, even after revoke)`);
export const noActiveKey = (name: string) => new KeyError(`no active key is named '${name}'`);

/** The public id and secret of a well-formed key, or undefined. */
export function parseKey(key: string): { publicId: string; secret: string } | undefined {
  const parts = KEY_PATTERN.exec(key);
  return parts ? { publicId: parts[1]!, secret: parts[2]! } : undefined;
}

export const secretMatches = (secret: string, storedHash: string) =>
  timingSafeEqual(hashSecret(secret), Buffer.from(storedHash, 'hex'));
