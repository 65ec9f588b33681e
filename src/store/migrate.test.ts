import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { migrateToLatest, migrateToZero } from './migrate.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('go up from empty, down to nothing, and up again', async () => {
    await migrateToLatest(db.database.db);
    const tables = async () => (await db.database.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
    expect(await tables()).toEqual(expect.arrayContaining(['teams', 'team_members', 'schemes', 'roles', 'users', 'channels', 'channel_members', 'sidebar_categories', 'sidebar_channels']));
    await migrateToZero(db.database.db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(db.database.db);
    expect(await tables()).toEqual(expect.arrayContaining(['teams', 'team_members', 'schemes']));
  });
});
