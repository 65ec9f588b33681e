import type { Kysely } from 'kysely';
import type { Preference } from '../model/preference.js';
import type { DB } from './schema.js';

const COLUMNS = ['user_id', 'category', 'name', 'value'] as const;

/** Users' preferences (Mattermost's Preferences table). */
export class PreferenceStore {
  constructor(private readonly db: Kysely<DB>) {}

  async listForUser(userId: string): Promise<Preference[]> {
    return this.db.selectFrom('preferences').select(COLUMNS).where('user_id', '=', userId).orderBy('category').orderBy('name').execute();
  }

  async listCategory(userId: string, category: string): Promise<Preference[]> {
    return this.db
      .selectFrom('preferences')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('category', '=', category)
      .orderBy('name')
      .execute();
  }

  async find(userId: string, category: string, name: string): Promise<Preference | undefined> {
    return this.db
      .selectFrom('preferences')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('category', '=', category)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  /** Inserts or replaces each preference (run inside a transaction to save them together). */
  async upsert(preferences: readonly Preference[]): Promise<void> {
    for (const p of preferences) {
      await this.db
        .insertInto('preferences')
        .values({ user_id: p.user_id, category: p.category, name: p.name, value: p.value })
        .onConflict((oc) => oc.columns(['user_id', 'category', 'name']).doUpdateSet({ value: p.value }))
        .execute();
    }
  }

  async delete(userId: string, category: string, name: string): Promise<void> {
    await this.db.deleteFrom('preferences').where('user_id', '=', userId).where('category', '=', category).where('name', '=', name).execute();
  }

  /** Every user's preference of this category and name (the flags on one post, for instance). */
  async deleteCategoryAndName(category: string, name: string): Promise<void> {
    await this.db.deleteFrom('preferences').where('category', '=', category).where('name', '=', name).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('preferences').where('user_id', '=', userId).execute();
  }
}
