import type { Kysely } from 'kysely';
import { EMOJI_NAME_MAX_LENGTH, EMOJI_SORT_BY_NAME, type Emoji } from '../model/emoji.js';
import { escapeLike, likeEscaped } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';

/** Custom emoji. Reads see live emoji only (delete_at = 0), as Mattermost's do. */
export class EmojiStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when a live emoji already has the name */
  async insert(emoji: Emoji): Promise<void> {
    try {
      await this.db.insertInto('emoji').values(emoji).execute();
    } catch (error) {
      throw mapDriverError(error, 'Emoji');
    }
  }

  async findById(id: string): Promise<Emoji | undefined> {
    return this.live().where('id', '=', id).executeTakeFirst();
  }

  async findByName(name: string): Promise<Emoji | undefined> {
    return this.live().where('name', '=', name).executeTakeFirst();
  }

  async findByNames(names: readonly string[]): Promise<Emoji[]> {
    if (names.length === 0) return [];
    return this.live().where('name', 'in', [...names]).orderBy('name').execute();
  }

  /** A page of emoji, by name when `sort` is "name", else oldest first. */
  async list(offset: number, limit: number, sort: string): Promise<Emoji[]> {
    const ordered = sort === EMOJI_SORT_BY_NAME ? this.live().orderBy('name') : this.live().orderBy('create_at').orderBy('id');
    return ordered.limit(limit).offset(offset).execute();
  }

  /** Emoji whose name starts with (or, unless `prefixOnly`, contains) the term, ignoring case, by name. */
  async search(term: string, prefixOnly: boolean, limit: number): Promise<Emoji[]> {
    // Longer than any name: nothing can match (and SQLite refuses very long patterns).
    if (term.length > EMOJI_NAME_MAX_LENGTH) return [];
    const pattern = `${prefixOnly ? '' : '%'}${escapeLike(term.toLowerCase())}%`;
    return this.live()
      .where((eb) => likeEscaped(eb.fn('lower', [eb.ref('name')]), pattern))
      .orderBy('name')
      .limit(limit)
      .execute();
  }

  /** Marks the live emoji deleted; false when there was none. */
  async softDelete(id: string, at: number): Promise<boolean> {
    const result = await this.db.updateTable('emoji').set({ delete_at: at, update_at: at }).where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private live() {
    return this.db.selectFrom('emoji').selectAll().where('delete_at', '=', 0);
  }
}
