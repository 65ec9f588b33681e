import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('preferences')
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('pk_preferences', ['user_id', 'category', 'name'])
    .execute();
  // Finds every user's preference of one kind, e.g. the flags on a post about to be deleted.
  await db.schema.createIndex('idx_preferences_category_name').on('preferences').columns(['category', 'name']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('preferences').ifExists().execute();
}
