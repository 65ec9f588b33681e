import { Redis } from 'ioredis';

/** The Redis the cluster tests use (TEST_REDIS_URL overrides). */
export const testRedisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers. With PARLEY_REQUIRE_SERVICES=1 (CI) a missing Redis is an error, so
 * Redis tests fail instead of being skipped.
 */
export async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(testRedisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  let reachable = false;
  try {
    await redis.connect();
    reachable = (await redis.ping()) === 'PONG';
  } catch {
    reachable = false;
  } finally {
    redis.disconnect();
  }
  if (!reachable && process.env['PARLEY_REQUIRE_SERVICES'] === '1') throw new Error(`Redis is required (PARLEY_REQUIRE_SERVICES=1) but ${testRedisUrl} is unreachable`);
  return reachable;
}

/** Deletes every key under a test's prefix. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
