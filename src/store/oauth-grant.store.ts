import type { Kysely, Selectable } from 'kysely';
import type { DB } from './schema.js';
import type { OAuthAccessDataTable, OAuthAuthCodesTable } from './tables/oauth.tables.js';

export type AuthCodeRecord = Selectable<OAuthAuthCodesTable>;
export type AccessDataRecord = Selectable<OAuthAccessDataTable>;

/**
 * What an app was granted: authorization codes, the access data behind issued tokens, and the
 * users' consents. Codes and refresh tokens are stored as SHA-256 hashes only.
 */
export class OAuthGrantStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insertCode(code: AuthCodeRecord): Promise<void> {
    await this.db.insertInto('oauth_auth_codes').values(code).execute();
  }

  async findCode(codeHash: string): Promise<AuthCodeRecord | undefined> {
    return this.db.selectFrom('oauth_auth_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  }

  /** Removes a code and says whether this call removed it (two redemptions race: one wins). */
  async consumeCode(codeHash: string): Promise<boolean> {
    const result = await this.db.deleteFrom('oauth_auth_codes').where('code_hash', '=', codeHash).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async deleteCodes(clientId: string, userId?: string): Promise<void> {
    let query = this.db.deleteFrom('oauth_auth_codes').where('client_id', '=', clientId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    await query.execute();
  }

  async insertAccess(access: AccessDataRecord): Promise<void> {
    await this.db.insertInto('oauth_access_data').values(access).execute();
  }

  async findAccessByRefreshHash(refreshTokenHash: string): Promise<AccessDataRecord | undefined> {
    return this.db.selectFrom('oauth_access_data').selectAll().where('refresh_token_hash', '=', refreshTokenHash).executeTakeFirst();
  }

  /** Points a grant at a new session and refresh token (refresh grant). */
  async rotateAccess(id: string, change: { session_id: string; refresh_token_hash: string | null; expires_at: number; audience: string }): Promise<void> {
    await this.db.updateTable('oauth_access_data').set(change).where('id', '=', id).execute();
  }

  /** Grants of one app, to one user or to everyone. */
  async listAccess(clientId: string, userId?: string): Promise<AccessDataRecord[]> {
    let query = this.db.selectFrom('oauth_access_data').selectAll().where('client_id', '=', clientId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    return query.execute();
  }

  async deleteAccess(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom('oauth_access_data').where('id', 'in', [...ids]).execute();
  }

  /** Records (or renews) the user's consent to the app. */
  async saveAuthorization(userId: string, clientId: string, scope: string, at: number): Promise<void> {
    await this.db
      .insertInto('oauth_authorizations')
      .values({ user_id: userId, client_id: clientId, scope, create_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({ scope }))
      .execute();
  }

  async hasAuthorization(userId: string, clientId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('oauth_authorizations')
      .select('client_id')
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteCodesOfUser(userId: string): Promise<void> {
    await this.db.deleteFrom('oauth_auth_codes').where('user_id', '=', userId).execute();
  }

  /** Everything granted to or by an erased account. */
  async deleteForUser(userId: string): Promise<void> {
    await this.deleteCodesOfUser(userId);
    await this.db.deleteFrom('oauth_access_data').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('oauth_authorizations').where('user_id', '=', userId).execute();
  }

  async deleteAuthorizations(clientId: string, userId?: string): Promise<void> {
    let query = this.db.deleteFrom('oauth_authorizations').where('client_id', '=', clientId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    await query.execute();
  }
}
