import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('status')
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dnd_end_time', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('prev_status', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .execute();
  // The DND expiry job looks statuses up by both columns, as Mattermost's index does.
  await db.schema.createIndex('idx_status_status_dndendtime').on('status').columns(['status', 'dnd_end_time']).execute();
  await db.schema
    .createTable('recent_custom_statuses')
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('statuses', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recent_custom_statuses').ifExists().execute();
  await db.schema.dropTable('status').ifExists().execute();
}
