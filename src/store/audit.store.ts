import type { Kysely } from 'kysely';
import type { Audit } from '../model/session.js';
import type { DB } from './schema.js';

export class AuditStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(audit: Audit): Promise<void> {
    await this.db.insertInto('audits').values(audit).execute();
  }

  /** Newest first, as Mattermost lists them; `userId` empty lists everyone's. */
  async list(userId: string, offset: number, limit: number): Promise<Audit[]> {
    let query = this.db.selectFrom('audits').selectAll();
    if (userId) query = query.where('user_id', '=', userId);
    return query.orderBy('create_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('audits').where('user_id', '=', userId).execute();
  }
}
