import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

const ROLE_COLUMNS = [
  'default_team_admin_role',
  'default_team_user_role',
  'default_team_guest_role',
  'default_channel_admin_role',
  'default_channel_user_role',
  'default_channel_guest_role',
  'default_playbook_admin_role',
  'default_playbook_member_role',
  'default_run_admin_role',
  'default_run_member_role',
];

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('schemes')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scope', 'varchar(32)', (c) => c.notNull());
  for (const column of ROLE_COLUMNS) table = table.addColumn(column, 'varchar(64)', (c) => c.notNull().defaultTo(''));
  await table.execute();
  await db.schema.createIndex('idx_schemes_name').on('schemes').column('name').unique().execute();
  await db.schema.createIndex('idx_schemes_scope').on('schemes').columns(['scope', 'delete_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('schemes').ifExists().execute();
}
