import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

// OAuth 2.0 provider: registered apps, authorization codes, granted tokens and users' consents.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_apps')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('client_secret', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('icon_url', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('callback_urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('homepage', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mattermost_app_id', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_dynamically_registered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_oauth_apps_creator_id').on('oauth_apps').column('creator_id').execute();

  await db.schema
    .createTable('oauth_auth_codes')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('client_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_in', 'integer', (c) => c.notNull())
    .addColumn('redirect_uri', 'varchar(256)', (c) => c.notNull())
    .addColumn('state', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('code_challenge', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('code_challenge_method', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('resource', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('idx_oauth_auth_codes_client_user').on('oauth_auth_codes').columns(['client_id', 'user_id']).execute();

  await db.schema
    .createTable('oauth_access_data')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('client_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('refresh_token_hash', 'varchar(64)')
    .addColumn('redirect_uri', 'varchar(256)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('audience', 'varchar(512)', (c) => c.notNull().defaultTo(''))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_oauth_access_data_refresh').on('oauth_access_data').column('refresh_token_hash').unique().execute();
  await db.schema.createIndex('idx_oauth_access_data_client_user').on('oauth_access_data').columns(['client_id', 'user_id']).execute();
  await db.schema.createIndex('idx_oauth_access_data_user').on('oauth_access_data').column('user_id').execute();

  await db.schema
    .createTable('oauth_authorizations')
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('scope', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_oauth_authorizations', ['user_id', 'client_id'])
    .execute();
  await db.schema.createIndex('idx_oauth_authorizations_client').on('oauth_authorizations').column('client_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['oauth_authorizations', 'oauth_access_data', 'oauth_auth_codes', 'oauth_apps']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
