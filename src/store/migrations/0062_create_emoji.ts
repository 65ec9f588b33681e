import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emoji')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .execute();
  // One live emoji per name (deleted ones keep their delete time), as Mattermost's unique key.
  await db.schema.createIndex('idx_emoji_name_delete_at').on('emoji').columns(['name', 'delete_at']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emoji').ifExists().execute();
}
