import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema of their own time */

// Personal access tokens may carry an expiry (Mattermost's UserAccessToken.ExpiresAt); 0 never expires.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_access_tokens').addColumn('expires_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_access_tokens').dropColumn('expires_at').execute();
}
