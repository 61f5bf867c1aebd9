// API keys in SQLite (the rules of keys are in src/shared/keys.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { apiKeys } from '../../../db/schema.js';
import { nameTaken, newKey, noActiveKey, parseKey, secretMatches, type KeyInfo, type Scope } from '../../shared/keys.js';

/** Creates a key and returns it: the only time the full key exists outside the client. */
export function createKey(db: Db, name: string, scopes: Scope[], now: string): string {
  const { key, row } = newKey(name, scopes);
  if (db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, name)).get()) throw nameTaken(name);
  db.insert(apiKeys).values({ ...row, createdAt: now }).run();
  return key;
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
    .all();
}

export function revokeKey(db: Db, name: string, now: string): void {
  const result = db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .run();
  if (result.changes === 0) throw noActiveKey(name);
}

export function verifyKey(db: Db, key: string, now: string): Scope[] | undefined {
  const parts = parseKey(key);
  if (!parts) return undefined;
  const row = db.select().from(apiKeys).where(eq(apiKeys.publicId, parts.publicId)).get();
  if (!row || row.revokedAt) return undefined;
  if (!secretMatches(parts.secret, row.secretHash)) return undefined;
  db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
  return row.scopes;
}
