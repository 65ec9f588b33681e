import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

// Mattermost keeps a user's recent custom statuses as the preference custom_status /
// recent_custom_statuses (a JSON array); they lived in a table of their own until preferences existed.
const CATEGORY = 'custom_status';
const NAME = 'recent_custom_statuses';

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('preferences')
    .columns(['user_id', 'category', 'name', 'value'])
    .expression(db.selectFrom('recent_custom_statuses').select(['user_id', sql.lit(CATEGORY).as('category'), sql.lit(NAME).as('name'), 'statuses']))
    .execute();
  await db.schema.dropTable('recent_custom_statuses').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recent_custom_statuses')
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('statuses', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  const moved = db.selectFrom('preferences').where('category', '=', CATEGORY).where('name', '=', NAME);
  await db.insertInto('recent_custom_statuses').columns(['user_id', 'statuses']).expression(moved.select(['user_id', 'value'])).execute();
  await db.deleteFrom('preferences').where('category', '=', CATEGORY).where('name', '=', NAME).execute();
}
