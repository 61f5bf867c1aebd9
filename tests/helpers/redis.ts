// Redis for the tests of shared rate-limit budgets: TEST_REDIS_URL (for example
// redis://127.0.0.1:6379). Each test uses a namespace of its own and deletes its keys after.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

export const REDIS_SKIP_MESSAGE = 'Redis tests skipped: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to a server that answers';

/** Whether TEST_REDIS_URL is set and answers PING within a second. */
export async function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  if (!url) return false;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other run uses. */
export const uniqueNameSpace = (label: string) => `eda-test:${label}:${randomBytes(6).toString('hex')}:`;

/** The keys under a namespace (SCAN, not KEYS), and a function that deletes them. */
export async function namespaceKeys(nameSpace: string, url = TEST_REDIS_URL!): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${nameSpace}*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

export async function deleteNameSpace(nameSpace: string, url = TEST_REDIS_URL!): Promise<number> {
  const keys = await namespaceKeys(nameSpace, url);
  if (!keys.length) return 0;
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
