import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'varchar(1)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('header', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('purpose', 'varchar(250)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_post_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_root_post_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_msg_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_msg_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('extra_update_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('scheme_id', 'varchar(26)')
    .addColumn('props', 'text')
    .addColumn('group_constrained', 'integer')
    .addColumn('shared', 'integer')
    .execute();
  // One name per team; direct and group messages share the team '' and have unique names by construction.
  await db.schema.createIndex('idx_channels_team_id_name').on('channels').columns(['team_id', 'name']).unique().execute();
  await db.schema.createIndex('idx_channels_team_id_display_name').on('channels').columns(['team_id', 'display_name']).execute();
  await db.schema.createIndex('idx_channels_scheme_id').on('channels').column('scheme_id').execute();

  await db.schema
    .createTable('channel_members')
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('roles', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_viewed_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('msg_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mention_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mention_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('urgent_mention_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('msg_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_props', 'text', (c) => c.notNull())
    .addColumn('last_update_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_user', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_channel_members', ['channel_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_channel_members_user_id').on('channel_members').columns(['user_id', 'channel_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_members').ifExists().execute();
  await db.schema.dropTable('channels').ifExists().execute();
}
