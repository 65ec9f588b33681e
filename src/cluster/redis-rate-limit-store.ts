import type { Redis } from 'ioredis';

/**
 * Rate-limit state (each key's theoretical arrival time) in Redis, so every node counts requests
 * against the same budget. Fits the HTTP layer's RateLimitStore.
 */
export class RedisRateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<number | undefined> {
    const value = await this.redis.get(this.keyOf(key));
    return value === null ? undefined : Number(value);
  }

  async set(key: string, tat: number, ttlMs: number): Promise<void> {
    await this.redis.set(this.keyOf(key), String(tat), 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  private keyOf(key: string): string {
    return `${this.prefix}:ratelimit:${key}`;
  }
}
