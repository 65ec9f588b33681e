import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock.js';
import { expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('rate limiting', () => {
  let th: TestHelper;
  // The limiter counts with the server's clock; a clock that stands still makes the burst exact.
  const clock = new TestClock();

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { clock })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const ping = (headers: Record<string, string> = {}) => rawRequest(th.url, 'GET', '/api/v4/system/ping', { headers });

  it('sends no rate-limit headers while disabled', async () => {
    const response = await ping();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('announces the budget and answers 429 once the burst is spent', async () => {
    await th.withConfig(
      (c) => {
        c.RateLimitSettings.Enable = true;
        c.RateLimitSettings.PerSec = 1;
        c.RateLimitSettings.MaxBurst = 3;
        c.RateLimitSettings.VaryByHeader = 'X-Test-Bucket';
      },
      async () => {
        const bucket = { 'X-Test-Bucket': 'burst' };
        const remaining: string[] = [];
        for (let i = 0; i < 4; i++) {
          const response = await ping(bucket);
          expect(response.status).toBe(200);
          expect(response.headers.get('x-ratelimit-limit')).toBe('4');
          expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(0);
          remaining.push(response.headers.get('x-ratelimit-remaining') ?? '');
        }
        expect(remaining).toEqual(['3', '2', '1', '0']);

        const refused = await ping(bucket);
        expectErrorBody(refused, 429, 'api.context.rate_limited.app_error');
        expect(refused.headers.get('x-ratelimit-limit')).toBe('4');
        expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

        // Another key has its own budget.
        expect((await ping({ 'X-Test-Bucket': 'other' })).status).toBe(200);

        // A second later one request's worth has come back.
        clock.advance(1000);
        expect((await ping(bucket)).status).toBe(200);
        expect((await ping(bucket)).status).toBe(429);
      },
    );
  });

  it('limits API routes of any kind, authenticated ones included', async () => {
    await th.withConfig(
      (c) => {
        c.RateLimitSettings.Enable = true;
        c.RateLimitSettings.PerSec = 1;
        c.RateLimitSettings.MaxBurst = 0;
        c.RateLimitSettings.VaryByHeader = 'X-Test-Bucket';
      },
      async () => {
        const headers = { 'X-Test-Bucket': 'users' };
        expect((await rawRequest(th.url, 'GET', '/api/v4/users/me', { token: th.client.getToken(), headers })).status).toBe(200);
        expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/users/me', { token: th.client.getToken(), headers }), 429, 'api.context.rate_limited.app_error');
      },
    );
  });
});
