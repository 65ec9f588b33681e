import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveConfig } from '../../config/live-config.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { LruCache } from '../../lib/lru-cache.js';
import { AppError } from '../../model/app-error.js';
import { readToken } from './auth.js';

/**
 * Where rate-limit state lives. One node keeps it in memory; a cluster swaps in a shared store so
 * that all nodes count against the same budget.
 */
export interface RateLimitStore {
  /** Theoretical arrival time for a key (GCRA), or undefined when unseen. */
  get(key: string): Promise<number | undefined> | number | undefined;
  set(key: string, tat: number, ttlMs: number): Promise<void> | void;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly cache: LruCache<string, number>;
  constructor(size: number) {
    this.cache = new LruCache(size, 60 * 60 * 1000);
  }
  get(key: string): number | undefined {
    return this.cache.get(key);
  }
  set(key: string, tat: number): void {
    this.cache.set(key, tat);
  }
}

/**
 * Mattermost's RateLimitSettings: a GCRA bucket of `PerSec` with `MaxBurst`, keyed by address,
 * user or header, announced in X-Ratelimit-* headers and refused with 429.
 */
export function registerRateLimit(app: FastifyInstance, config: LiveConfig, store?: RateLimitStore, clock: Clock = systemClock): void {
  let memory: MemoryRateLimitStore | undefined;
  const storeFor = (): RateLimitStore => {
    if (store) return store;
    memory ??= new MemoryRateLimitStore(config.get().RateLimitSettings.MemoryStoreSize);
    return memory;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const settings = config.get().RateLimitSettings;
    if (!settings.Enable || settings.PerSec <= 0) return;
    const key = rateKey(request, settings);
    const now = clock.now();
    const interval = 1000 / settings.PerSec;
    const tolerance = interval * settings.MaxBurst;
    const limit = settings.MaxBurst + 1;
    const target = storeFor();
    const tat = Math.max((await target.get(key)) ?? now, now);
    const newTat = tat + interval;
    const allowAt = newTat - tolerance - interval;
    if (allowAt > now) {
      const retryAfter = Math.ceil((allowAt - now) / 1000);
      reply.header('X-Ratelimit-Limit', String(limit));
      reply.header('X-Ratelimit-Remaining', '0');
      reply.header('X-Ratelimit-Reset', String(Math.ceil((tat - now) / 1000)));
      reply.header('Retry-After', String(retryAfter));
      throw new AppError('api.context.rate_limited.app_error', 429, { details: `key=${key}` });
    }
    await target.set(key, newTat, Math.ceil(newTat - now) + 1000);
    const remaining = Math.max(0, Math.floor((tolerance + interval - (newTat - now)) / interval));
    reply.header('X-Ratelimit-Limit', String(limit));
    reply.header('X-Ratelimit-Remaining', String(remaining));
    reply.header('X-Ratelimit-Reset', String(Math.ceil((newTat - now) / 1000)));
  });
}

function rateKey(request: FastifyRequest, settings: { VaryByRemoteAddr: boolean; VaryByUser: boolean; VaryByHeader: string }): string {
  const parts: string[] = [];
  if (settings.VaryByRemoteAddr) parts.push(request.ip);
  if (settings.VaryByUser) parts.push(readToken(request).token);
  if (settings.VaryByHeader) {
    const value = request.headers[settings.VaryByHeader.toLowerCase()];
    parts.push(Array.isArray(value) ? value.join(',') : (value ?? ''));
  }
  return parts.join('|') || 'global';
}
