import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/store/database.js';

/** Which database this test run uses (the vitest project sets TEST_DB). */
export const testDialect: DialectName = process.env['TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';

const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  database: Database;
  /** Settings that point a server at this database. */
  driver: DialectName;
  dataSource: string;
  /** Closes and (for PostgreSQL) drops the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: in-memory SQLite, or a new PostgreSQL database
 * created for the file and dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'sqlite') {
    const database = openDatabase({ driver: 'sqlite', dataSource: ':memory:' });
    return { database, driver: 'sqlite', dataSource: ':memory:', dispose: () => database.close() };
  }
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = url.toString();
  const database = openDatabase({ driver: 'postgres', dataSource, maxConnections: 5 });
  return {
    database,
    driver: 'postgres',
    dataSource,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
