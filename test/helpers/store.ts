import { afterAll, beforeAll } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.js';
import { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestStore {
  /** The stores over the file's database (valid once beforeAll has run). */
  readonly store: Store;
  readonly database: TestDatabase;
}

/**
 * For store tests: a fresh database for the calling file (SQLite or PostgreSQL, per the vitest
 * project), migrated to the latest schema in beforeAll and dropped in afterAll.
 */
export function useMigratedStore(): TestStore {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.database.db);
    store = new Store(database.database.db, database.database.dialect);
  });
  afterAll(async () => {
    await database?.dispose();
  });
  return {
    get store(): Store {
      if (!store) throw new Error('useMigratedStore: the store exists only inside tests');
      return store;
    },
    get database(): TestDatabase {
      if (!database) throw new Error('useMigratedStore: the database exists only inside tests');
      return database;
    },
  };
}
