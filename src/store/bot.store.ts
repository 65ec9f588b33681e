import type { Kysely } from 'kysely';
import type { BotRecord } from '../model/bot.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';

/** A bot row with the username and display name (first name) of its user row. */
export interface BotView extends BotRecord {
  username: string;
  display_name: string;
}

export interface BotListOptions {
  ownerId?: string;
  includeDeleted: boolean;
  /** Only bots whose owner is gone or deactivated. */
  onlyOrphaned: boolean;
  offset: number;
  limit: number;
}

/** Bot accounts (the user row carries the rest). */
export class BotStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the user is a bot already. */
  async insert(bot: BotRecord): Promise<void> {
    try {
      await this.db.insertInto('bots').values(bot).execute();
    } catch (error) {
      throw mapDriverError(error, 'Bot');
    }
  }

  async update(bot: BotRecord): Promise<void> {
    const { user_id: userId, ...rest } = bot;
    await this.db.updateTable('bots').set(rest).where('user_id', '=', userId).execute();
  }

  async findById(userId: string, includeDeleted: boolean): Promise<BotView | undefined> {
    let query = this.selectViews().where('b.user_id', '=', userId);
    if (!includeDeleted) query = query.where('b.delete_at', '=', 0);
    return query.executeTakeFirst();
  }

  /** Mattermost's order: oldest first, then by username. */
  async list(options: BotListOptions): Promise<BotView[]> {
    let query = this.selectViews();
    if (options.ownerId !== undefined) query = query.where('b.owner_id', '=', options.ownerId);
    if (!options.includeDeleted) query = query.where('b.delete_at', '=', 0);
    if (options.onlyOrphaned) {
      query = query
        .leftJoin('users as o', 'o.id', 'b.owner_id')
        .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.delete_at', '!=', 0)]));
    }
    return query.orderBy('b.create_at').orderBy('u.username').limit(options.limit).offset(options.offset).execute();
  }

  /** Ids of the live bots a user owns. */
  async listIdsByOwner(ownerId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('bots').select('user_id').where('owner_id', '=', ownerId).where('delete_at', '=', 0).execute();
    return rows.map((r) => r.user_id);
  }

  async deleteById(userId: string): Promise<void> {
    await this.db.deleteFrom('bots').where('user_id', '=', userId).execute();
  }

  private selectViews() {
    return this.db
      .selectFrom('bots as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .select([
        'b.user_id',
        'b.owner_id',
        'b.description',
        'b.last_icon_update',
        'b.create_at',
        'b.update_at',
        'b.delete_at',
        'u.username',
        'u.first_name as display_name',
      ]);
  }
}
