import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

// User groups (custom groups now; LDAP-synced ones share the table) and their members.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_groups')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)')
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'varchar(64)', (c) => c.notNull())
    .addColumn('remote_id', 'varchar(48)')
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_reference', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_user_groups_name').on('user_groups').column('name').unique().execute();
  await db.schema.createIndex('idx_user_groups_display_name').on('user_groups').column('display_name').execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_group_members', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_group_members_user_id').on('group_members').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('group_members').ifExists().execute();
  await db.schema.dropTable('user_groups').ifExists().execute();
}
