import pg from 'pg';
import { defineConfig } from 'vitest/config';

// Every test file runs twice: once on SQLite, once on PostgreSQL. With PARLEY_REQUIRE_SERVICES=1
// (CI) a missing PostgreSQL fails the run instead of leaving the PostgreSQL half out.
const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const required = process.env['PARLEY_REQUIRE_SERVICES'] === '1';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default defineConfig(async () => {
  const withPostgres = await postgresReachable();
  if (!withPostgres && required) throw new Error(`PostgreSQL is required (PARLEY_REQUIRE_SERVICES=1) but ${adminUrl} is unreachable`);
  if (!withPostgres) console.warn(`PostgreSQL at ${adminUrl} is unreachable: running the SQLite half only`);
  const shared = {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks' as const,
  };
  return {
    test: {
      projects: [
        { test: { ...shared, name: 'sqlite', env: { TEST_DB: 'sqlite' } } },
        ...(withPostgres ? [{ test: { ...shared, name: 'postgres', env: { TEST_DB: 'postgres', TEST_DATABASE_URL: adminUrl } } }] : []),
      ],
    },
  };
});
