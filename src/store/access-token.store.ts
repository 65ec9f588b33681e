import type { Kysely, Selectable } from 'kysely';
import { fromDbBool, toDbBool } from './codec.js';
import type { DB } from './schema.js';
import type { UserAccessTokensTable } from './tables/users.tables.js';

export interface AccessTokenRecord {
  id: string;
  token_hash: string;
  user_id: string;
  description: string;
  is_active: boolean;
  create_at: number;
  /** Epoch ms after which the token no longer authenticates; 0 never expires. */
  expires_at: number;
}

function toRecord(row: Selectable<UserAccessTokensTable>): AccessTokenRecord {
  return { ...row, is_active: fromDbBool(row.is_active) };
}

/** Personal access tokens (stored as hashes; the token is shown once, at creation). */
export class AccessTokenStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(token: AccessTokenRecord): Promise<void> {
    await this.db.insertInto('user_access_tokens').values({ ...token, is_active: toDbBool(token.is_active) }).execute();
  }

  async findById(id: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.db.selectFrom('user_access_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findByTokenHash(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.db.selectFrom('user_access_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listForUser(userId: string, offset: number, limit: number): Promise<AccessTokenRecord[]> {
    const rows = await this.db
      .selectFrom('user_access_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('create_at')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toRecord);
  }

  async listAll(offset: number, limit: number): Promise<AccessTokenRecord[]> {
    const rows = await this.db.selectFrom('user_access_tokens').selectAll().orderBy('create_at').orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toRecord);
  }

  /** Tokens whose id, owner id or owner's username is the term (Mattermost's token search, exact match). */
  async search(term: string, limit: number): Promise<AccessTokenRecord[]> {
    // Longer than any id or username: nothing can match.
    if (term.length > 128) return [];
    const rows = await this.db
      .selectFrom('user_access_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('t')
      .where((eb) => eb.or([eb('t.id', '=', term), eb('t.user_id', '=', term), eb('u.username', '=', term.toLowerCase())]))
      .orderBy('t.create_at')
      .orderBy('t.id')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.db.updateTable('user_access_tokens').set({ is_active: toDbBool(active) }).where('id', '=', id).execute();
  }

  async deleteById(id: string): Promise<void> {
    await this.db.deleteFrom('user_access_tokens').where('id', '=', id).execute();
  }

  async listIdsForUser(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('user_access_tokens').select('id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.id);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('user_access_tokens').where('user_id', '=', userId).execute();
  }
}
