// API keys on PostgreSQL (the rules of keys are in src/shared/keys.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { PgDb } from '../../../db/client.postgres.js';
import { apiKeys } from '../../../db/schema.postgres.js';
import { nameTaken, newKey, noActiveKey, parseKey, secretMatches, type KeyInfo, type Scope } from '../../shared/keys.js';

export async function createKey(db: PgDb, name: string, scopes: Scope[], now: string): Promise<string> {
  const { key, row } = newKey(name, scopes);
  const inserted = await db.insert(apiKeys).values({ ...row, createdAt: now }).onConflictDoNothing({ target: apiKeys.name }).returning({ id: apiKeys.id });
  if (inserted.length === 0) throw nameTaken(name);
  return key;
}

export function listKeys(db: PgDb): Promise<KeyInfo[]> {
  return db
    .select({ name: apiKeys.name, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .orderBy(apiKeys.name);
}

export async function revokeKey(db: PgDb, name: string, now: string): Promise<void> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) throw noActiveKey(name);
}

/** Keys are checked on the primary: a key revoked a moment ago must not pass on a lagging replica. */
export async function verifyKey(db: PgDb, key: string, now: string): Promise<Scope[] | undefined> {
  const parts = parseKey(key);
  if (!parts) return undefined;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.publicId, parts.publicId));
  if (!row || row.revokedAt) return undefined;
  if (!secretMatches(parts.secret, row.secretHash)) return undefined;
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  return row.scopes;
}
