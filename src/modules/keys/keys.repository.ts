// API keys: `eda_<publicId>_<secret>`. The public id finds the row; the secret is compared as a
// sha256 hash in constant time. A fast hash is enough here because the secret is 32 random
// bytes, not a password: there is nothing to guess from a leaked hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { apiKeys } from '../../../db/schema.js';

export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];

const KEY_PATTERN = /^eda_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Hides anything shaped like a key's secret in `text` (a logged URL, say), keeping its public id. */
export const maskKeys = (text: string) => text.replace(/(eda_[0-9a-f]{16})_[A-Za-z0-9_-]+/g, '$1_[redacted]');

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

export class KeyError extends Error {}

export interface KeyInfo {
  name: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Creates a key and returns it: the only time the full key exists outside the client. */
export function createKey(db: Db, name: string, scopes: Scope[], now = new Date().toISOString()): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) {
    throw new KeyError(`invalid key name '${name}': use 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (scopes.length === 0) throw new KeyError('a key needs at least one --scope (read or write)');
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length) throw new KeyError(`unknown scope(s) ${bad.join(', ')}; use ${SCOPES.join(' or ')}`);
  if (db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, name)).get()) {
    throw new KeyError(`a key named '${name}' already exists (names are never reused, even after revoke)`);
  }
  const publicId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  db.insert(apiKeys)
    .values({ name, publicId, secretHash: hashSecret(secret).toString('hex'), scopes: [...new Set(scopes)], createdAt: now })
    .run();
  return `eda_${publicId}_${secret}`;
}

export function listKeys(db: Db): KeyInfo[] {
  return db
    .select({
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .orderBy(apiKeys.name)
    .all() as KeyInfo[];
}

export function revokeKey(db: Db, name: string, now = new Date().toISOString()): void {
  const result = db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .run();
  if (result.changes === 0) throw new KeyError(`no active key is named '${name}'`);
}

/** The scopes of a valid, unrevoked key, or undefined. Records when it was last used. */
export function verifyKey(db: Db, key: string, now = new Date().toISOString()): Scope[] | undefined {
  const parts = KEY_PATTERN.exec(key);
  if (!parts) return undefined;
  const row = db.select().from(apiKeys).where(eq(apiKeys.publicId, parts[1]!)).get();
  if (!row || row.revokedAt) return undefined;
  if (!timingSafeEqual(hashSecret(parts[2]!), Buffer.from(row.secretHash, 'hex'))) return undefined;
  db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
  return row.scopes as Scope[];
}
