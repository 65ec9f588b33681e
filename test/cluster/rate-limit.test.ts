import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ParleyApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/loader.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { deleteRedisKeys, redisAvailable, testRedisUrl } from '../helpers/redis.js';

const enabled = testDialect === 'postgres' && (await redisAvailable());

describe.skipIf(!enabled)('rate limits in a cluster', () => {
  let db: TestDatabase;
  const apps: ParleyApp[] = [];
  const urls: string[] = [];
  const prefix = `parley-test-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const loaded = loadConfig({}, '/nonexistent/parley-test-config.json');
      loaded.config.SqlSettings.DriverName = db.driver;
      loaded.config.SqlSettings.DataSource = db.dataSource;
      // A budget that refills once in 100 s, so the test cannot race the refill.
      Object.assign(loaded.config.RateLimitSettings, { Enable: true, PerSec: 0.01, MaxBurst: 4, VaryByRemoteAddr: true });
      const app = await buildApp({
        config: loaded,
        database: db.database,
        logger: pino({ level: 'silent' }),
        cluster: { redisUrl: testRedisUrl, prefix, heartbeatMs: 1000 },
      });
      await app.http.listen({ host: '127.0.0.1', port: 0 });
      const address = app.http.server.address();
      urls.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.dispose();
    await deleteRedisKeys(prefix);
  });

  it('counts requests to every node against one budget', async () => {
    const [first, second] = urls as [string, string];
    // MaxBurst 4 lets five requests through at once; the sixth is over budget wherever it lands.
    for (let i = 0; i < 5; i++) expect((await fetch(`${first}/api/v4/system/ping`)).status).toBe(200);
    const refused = await fetch(`${second}/api/v4/system/ping`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { id: string }).id).toBe('api.context.rate_limited.app_error');
  });
});
