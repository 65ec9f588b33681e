import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';

function migratorFor<T>(db: Kysely<T>): Migrator {
  // Unordered: areas developed side by side may add migrations whose numbers interleave.
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) }, allowUnorderedMigrations: true });
}

/**
 * Brings the schema up to the newest migration. Runs at start on both databases; Kysely's lock
 * table keeps two nodes starting at once from migrating twice.
 * @throws Error carrying the failing migration's error.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const result = await migratorFor(db).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
  return result;
}

/** Undoes every migration (used by the up/down test). */
export async function migrateToZero<T>(db: Kysely<T>): Promise<void> {
  const result = await migratorFor(db).migrateTo(NO_MIGRATIONS);
  if (result.error) throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
}
