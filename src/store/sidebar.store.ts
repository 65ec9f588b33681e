import { sql, type Kysely, type Selectable } from 'kysely';
import type { SidebarCategory, SidebarCategoryWithChannels } from '../model/sidebar.js';
import { fromDbBool, toDbBool } from './codec.js';
import type { DB } from './schema.js';
import type { SidebarCategoriesTable } from './tables/channels.tables.js';

function toCategory(row: Selectable<SidebarCategoriesTable>): SidebarCategory {
  return {
    id: row.id,
    user_id: row.user_id,
    team_id: row.team_id,
    sort_order: row.sort_order,
    sorting: row.sorting,
    type: row.type,
    display_name: row.display_name,
    muted: fromDbBool(row.muted),
    collapsed: fromDbBool(row.collapsed),
  };
}

/** One channel placed in a category, at a position. */
export interface SidebarChannelEntry {
  channelId: string;
  categoryId: string;
  sortOrder: number;
}

/**
 * Sidebar categories and the channels placed in them. Channels placed nowhere are not stored: the
 * Channels and Direct Messages categories take them when read (see `unplacedChannelIds`).
 */
export class SidebarStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** The user's categories of one team by sort order, each with its placed channels in order. */
  async listForTeam(userId: string, teamId: string): Promise<SidebarCategoryWithChannels[]> {
    const rows = await this.db.selectFrom('sidebar_categories').selectAll().where('user_id', '=', userId).where('team_id', '=', teamId).orderBy('sort_order').orderBy('id').execute();
    const categories = rows.map((row) => ({ ...toCategory(row), channel_ids: [] as string[] }));
    if (categories.length === 0) return categories;
    const placed = await this.db
      .selectFrom('sidebar_channels')
      .select(['category_id', 'channel_id'])
      .where('category_id', 'in', categories.map((c) => c.id))
      .orderBy('sort_order')
      .orderBy('channel_id')
      .execute();
    const byId = new Map(categories.map((c) => [c.id, c]));
    for (const entry of placed) byId.get(entry.category_id)?.channel_ids.push(entry.channel_id);
    return categories;
  }

  async find(categoryId: string): Promise<SidebarCategoryWithChannels | undefined> {
    const row = await this.db.selectFrom('sidebar_categories').selectAll().where('id', '=', categoryId).executeTakeFirst();
    if (!row) return undefined;
    const placed = await this.db.selectFrom('sidebar_channels').select('channel_id').where('category_id', '=', categoryId).orderBy('sort_order').orderBy('channel_id').execute();
    return { ...toCategory(row), channel_ids: placed.map((p) => p.channel_id) };
  }

  /** Inserts categories; ones that already exist (same id) are left as they are. */
  async insertMissing(categories: readonly SidebarCategory[]): Promise<void> {
    if (categories.length === 0) return;
    await this.db
      .insertInto('sidebar_categories')
      .values(categories.map((c) => ({ ...c, muted: toDbBool(c.muted), collapsed: toDbBool(c.collapsed) })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async updateFields(category: Pick<SidebarCategory, 'id' | 'display_name' | 'sorting' | 'muted' | 'collapsed'>): Promise<void> {
    await this.db
      .updateTable('sidebar_categories')
      .set({ display_name: category.display_name, sorting: category.sorting, muted: toDbBool(category.muted), collapsed: toDbBool(category.collapsed) })
      .where('id', '=', category.id)
      .execute();
  }

  /** Gives the categories sort orders 0, 10, 20… in the given order. */
  async setOrder(categoryIds: readonly string[]): Promise<void> {
    for (const [index, id] of categoryIds.entries()) {
      await this.db.updateTable('sidebar_categories').set({ sort_order: index * 10 }).where('id', '=', id).execute();
    }
  }

  /** Empties the categories, then places the given channels in them. */
  async replaceChannels(userId: string, categoryIds: readonly string[], entries: readonly SidebarChannelEntry[]): Promise<void> {
    if (categoryIds.length) await this.db.deleteFrom('sidebar_channels').where('category_id', 'in', [...categoryIds]).execute();
    if (entries.length === 0) return;
    await this.db
      .insertInto('sidebar_channels')
      .values(entries.map((e) => ({ channel_id: e.channelId, user_id: userId, category_id: e.categoryId, sort_order: e.sortOrder })))
      .onConflict((oc) => oc.columns(['channel_id', 'user_id', 'category_id']).doUpdateSet({ sort_order: (eb) => eb.ref('excluded.sort_order') }))
      .execute();
  }

  /** Takes the channels out of whichever of the user's categories of the team hold them. */
  async unplaceChannels(userId: string, teamId: string, channelIds: readonly string[]): Promise<void> {
    if (channelIds.length === 0) return;
    await this.db
      .deleteFrom('sidebar_channels')
      .where('user_id', '=', userId)
      .where('channel_id', 'in', [...channelIds])
      .where('category_id', 'in', (eb) => eb.selectFrom('sidebar_categories').select('id').where('user_id', '=', userId).where('team_id', '=', teamId))
      .execute();
  }

  /** Deletes a category and the placements in it (its channels fall back to the default categories). */
  async delete(categoryId: string): Promise<void> {
    await this.db.deleteFrom('sidebar_channels').where('category_id', '=', categoryId).execute();
    await this.db.deleteFrom('sidebar_categories').where('id', '=', categoryId).execute();
  }

  /** Forgets the user's sidebar of a team (they left it). */
  async deleteForUserTeam(userId: string, teamId: string): Promise<void> {
    const ids = this.db.selectFrom('sidebar_categories').select('id').where('user_id', '=', userId).where('team_id', '=', teamId);
    await this.db.deleteFrom('sidebar_channels').where('category_id', 'in', ids).execute();
    await this.db.deleteFrom('sidebar_categories').where('user_id', '=', userId).where('team_id', '=', teamId).execute();
  }

  async deleteForTeam(teamId: string): Promise<void> {
    const ids = this.db.selectFrom('sidebar_categories').select('id').where('team_id', '=', teamId);
    await this.db.deleteFrom('sidebar_channels').where('category_id', 'in', ids).execute();
    await this.db.deleteFrom('sidebar_categories').where('team_id', '=', teamId).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sidebar_channels').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('sidebar_categories').where('user_id', '=', userId).execute();
  }

  /** Removes a channel from every sidebar (it was erased, or left). */
  async unplaceChannelEverywhere(channelId: string, userId?: string): Promise<void> {
    let query = this.db.deleteFrom('sidebar_channels').where('channel_id', '=', channelId);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    await query.execute();
  }

  /**
   * Live channels the user is a member of that no category of theirs in the team holds, by display
   * name: the team's public and private channels (`kind` 'channels') or direct and group messages
   * ('direct'). These are what Mattermost shows in the Channels and Direct Messages categories.
   */
  async unplacedChannelIds(userId: string, teamId: string, kind: 'channels' | 'direct'): Promise<string[]> {
    let query = this.db
      .selectFrom('channel_members')
      .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .select('channels.id')
      .where('channel_members.user_id', '=', userId)
      .where('channels.delete_at', '=', 0)
      .where(
        sql<boolean>`not exists (select 1 from sidebar_channels sc join sidebar_categories sg on sg.id = sc.category_id where sc.channel_id = channel_members.channel_id and sg.user_id = ${userId} and sg.team_id = ${teamId})`,
      );
    query = kind === 'channels' ? query.where('channels.type', 'in', ['O', 'P']).where('channels.team_id', '=', teamId) : query.where('channels.type', 'in', ['D', 'G']);
    const rows = await query.orderBy('channels.display_name').orderBy('channels.id').execute();
    return rows.map((r) => r.id);
  }
}
