import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('password', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('auth_data', 'varchar(128)')
    .addColumn('auth_service', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(128)', (c) => c.notNull())
    .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nickname', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('first_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('allow_marketing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('notify_props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_password_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_picture_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('mfa_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mfa_secret', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('mfa_used_timestamps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('remote_id', 'varchar(26)')
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bot_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bot_last_icon_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('terms_of_service_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('terms_of_service_create_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('disable_welcome_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_users_username').on('users').column('username').unique().execute();
  await db.schema.createIndex('idx_users_email').on('users').column('email').unique().execute();
  await db.schema.createIndex('idx_users_update_at').on('users').column('update_at').execute();
  await db.schema.createIndex('idx_users_create_at').on('users').column('create_at').execute();
  await db.schema.createIndex('idx_users_delete_at').on('users').column('delete_at').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_oauth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expired_notify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('access_token_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('idx_sessions_token_hash').on('sessions').column('token_hash').unique().execute();
  await db.schema.createIndex('idx_sessions_user_id').on('sessions').column('user_id').execute();
  await db.schema.createIndex('idx_sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('user_access_tokens')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('description', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('create_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_user_access_tokens_token_hash').on('user_access_tokens').column('token_hash').unique().execute();
  await db.schema.createIndex('idx_user_access_tokens_user_id').on('user_access_tokens').column('user_id').execute();

  await db.schema
    .createTable('tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('audits')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('action', 'varchar(512)', (c) => c.notNull())
    .addColumn('extra_info', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('ip_address', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('session_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('idx_audits_user_id_create_at').on('audits').columns(['user_id', 'create_at']).execute();

  await db.schema
    .createTable('systems')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['systems', 'audits', 'tokens', 'user_access_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
