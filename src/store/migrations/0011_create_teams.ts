import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('display_name', 'varchar(256)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'varchar(8)', (c) => c.notNull())
    .addColumn('company_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('allowed_domains', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('invite_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('allow_open_invite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_team_icon_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_id', 'varchar(26)')
    .addColumn('group_constrained', 'integer')
    .addColumn('cloud_limits_archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_teams_name').on('teams').column('name').unique().execute();
  await db.schema.createIndex('idx_teams_invite_id').on('teams').column('invite_id').execute();
  await db.schema.createIndex('idx_teams_scheme_id').on('teams').column('scheme_id').execute();
  await db.schema.createIndex('idx_teams_display_name').on('teams').column('display_name').execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('roles', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_user', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('create_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_team_members', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_team_members_user_id').on('team_members').columns(['user_id', 'delete_at']).execute();
  await db.schema.createIndex('idx_team_members_team_id').on('team_members').columns(['team_id', 'delete_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_members').ifExists().execute();
  await db.schema.dropTable('teams').ifExists().execute();
}
