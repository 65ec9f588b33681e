import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface OneTimeToken {
  token_hash: string;
  create_at: number;
  type: string;
  extra: string;
}

/** Single-use tokens mailed to users (password reset, email verification, team invitations). */
export class TokenStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(token: OneTimeToken): Promise<void> {
    await this.db.insertInto('tokens').values(token).execute();
  }

  async findByHash(tokenHash: string): Promise<OneTimeToken | undefined> {
    return this.db.selectFrom('tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Deletes the token and reports whether it existed, so two concurrent uses cannot both succeed. */
  async consume(tokenHash: string): Promise<boolean> {
    const result = await this.db.deleteFrom('tokens').where('token_hash', '=', tokenHash).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteByTypeAndExtra(type: string, extraPrefix: string): Promise<void> {
    await this.db.deleteFrom('tokens').where('type', '=', type).where('extra', 'like', `${extraPrefix}%`).execute();
  }

  async deleteByType(type: string): Promise<void> {
    await this.db.deleteFrom('tokens').where('type', '=', type).execute();
  }

  async deleteOlderThan(type: string, before: number): Promise<void> {
    await this.db.deleteFrom('tokens').where('type', '=', type).where('create_at', '<', before).execute();
  }
}
