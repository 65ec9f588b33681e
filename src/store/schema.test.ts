import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { introspectSchema, type SchemaShape } from '../../test/helpers/schema.js';
import { useMigratedStore } from '../../test/helpers/store.js';
import { migrateToLatest, migrateToZero } from './migrate.js';
import { migrations } from './migrations/index.js';

// The committed shape of the migrated schema. Regenerate after adding a migration with
//   UPDATE_SNAPSHOT=1 npx vitest run src/store/schema.test.ts
const SNAPSHOT = new URL('./schema.snapshot.json', import.meta.url);

function readSnapshot(): SchemaShape {
  return JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as SchemaShape;
}

describe('schema', () => {
  const db = useMigratedStore();

  it('matches the committed snapshot once migrated', async () => {
    const shape = await introspectSchema(db.database.database);
    if (process.env['UPDATE_SNAPSHOT'] === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(shape, null, 2)}\n`);
    expect(shape).toEqual(readSnapshot());
  });

  it('migrates down to nothing and up again to the same schema', async () => {
    const kysely = db.database.database.db;
    await migrateToZero(kysely);
    expect(await introspectSchema(db.database.database)).toEqual({});
    const result = await migrateToLatest(kysely);
    expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((name) => [name, 'Success']));
    expect(await introspectSchema(db.database.database)).toEqual(readSnapshot());
    // Already at the latest: nothing more to run.
    expect((await migrateToLatest(kysely)).results).toEqual([]);
  });
});
