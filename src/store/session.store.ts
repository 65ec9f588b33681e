import type { Insertable, Kysely, Selectable } from 'kysely';
import type { SessionRecord } from '../model/session.js';
import { fromDbBool, fromDbJson, toDbBool, toDbJson } from './codec.js';
import type { DB } from './schema.js';
import type { SessionsTable } from './tables/users.tables.js';

function toRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    token_hash: row.token_hash,
    create_at: row.create_at,
    expires_at: row.expires_at,
    last_activity_at: row.last_activity_at,
    user_id: row.user_id,
    device_id: row.device_id,
    roles: row.roles,
    is_oauth: fromDbBool(row.is_oauth),
    expired_notify: fromDbBool(row.expired_notify),
    props: fromDbJson(row.props, {}),
    access_token_id: row.access_token_id,
  };
}

function toRow(session: SessionRecord): Insertable<SessionsTable> {
  return {
    ...session,
    is_oauth: toDbBool(session.is_oauth),
    expired_notify: toDbBool(session.expired_notify),
    props: toDbJson(session.props),
  };
}

export class SessionStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(session: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(toRow(session)).execute();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listForUser(userId: string): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('last_activity_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  /** Every session id and token hash of a user, for revoking them and dropping cache entries. */
  async listKeysForUser(userId: string): Promise<Array<{ id: string; token_hash: string }>> {
    return this.db.selectFrom('sessions').select(['id', 'token_hash']).where('user_id', '=', userId).execute();
  }

  async updateActivity(id: string, lastActivityAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_activity_at: lastActivityAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async updateDevice(id: string, deviceId: string, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ device_id: deviceId, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async updateRolesForUser(userId: string, roles: string): Promise<void> {
    await this.db.updateTable('sessions').set({ roles }).where('user_id', '=', userId).execute();
  }

  async updateProps(id: string, props: Record<string, string>): Promise<void> {
    await this.db.updateTable('sessions').set({ props: toDbJson(props) }).where('id', '=', id).execute();
  }

  async deleteById(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    await query.execute();
  }

  /** Sessions on other devices with the same device id are replaced by a new login (Mattermost does this for push). */
  async deleteByDevice(userId: string, deviceId: string): Promise<Array<{ id: string; token_hash: string }>> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'token_hash'])
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .execute();
    if (rows.length) await this.db.deleteFrom('sessions').where('id', 'in', rows.map((r) => r.id)).execute();
    return rows;
  }

  async deleteByAccessToken(accessTokenId: string): Promise<Array<{ id: string; token_hash: string }>> {
    const rows = await this.db.selectFrom('sessions').select(['id', 'token_hash']).where('access_token_id', '=', accessTokenId).execute();
    if (rows.length) await this.db.deleteFrom('sessions').where('access_token_id', '=', accessTokenId).execute();
    return rows;
  }

  async deleteExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '>', 0).where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
