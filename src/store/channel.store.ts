import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ChannelRecord, PostCountChange } from '../model/channel.js';
import { fromDbBool, fromDbJson, toDbBool } from './codec.js';
import { channelFilterQuery, type ChannelFilter } from './channel-filter.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { ChannelsTable } from './tables/channels.tables.js';

type ChannelRow = Selectable<ChannelsTable>;

function nullableBool(value: number | null): boolean | null {
  return value === null ? null : fromDbBool(value);
}

export function toChannelRecord(row: ChannelRow): ChannelRecord {
  return {
    id: row.id,
    create_at: row.create_at,
    update_at: row.update_at,
    delete_at: row.delete_at,
    team_id: row.team_id,
    type: row.type,
    display_name: row.display_name,
    name: row.name,
    header: row.header,
    purpose: row.purpose,
    last_post_at: row.last_post_at,
    last_root_post_at: row.last_root_post_at,
    total_msg_count: row.total_msg_count,
    total_msg_count_root: row.total_msg_count_root,
    extra_update_at: row.extra_update_at,
    creator_id: row.creator_id,
    scheme_id: row.scheme_id,
    props: row.props === null ? null : fromDbJson<Record<string, unknown> | null>(row.props, null),
    group_constrained: nullableBool(row.group_constrained),
    shared: nullableBool(row.shared),
  };
}

function toRow(channel: ChannelRecord): Insertable<ChannelsTable> {
  return {
    ...channel,
    props: channel.props === null ? null : JSON.stringify(channel.props),
    group_constrained: channel.group_constrained === null ? null : toDbBool(channel.group_constrained),
    shared: channel.shared === null ? null : toDbBool(channel.shared),
  };
}

/** A channel with the names of its team ('' for direct and group messages). */
export interface ChannelWithTeamRow extends ChannelRecord {
  team_display_name: string;
  team_name: string;
  team_update_at: number;
}

/**
 * Channels. Counters that posts move (`total_msg_count`, `last_post_at`…) change only through
 * `incrementPostCounts`, one statement each, so concurrent posts never lose an update.
 */
export class ChannelStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** @throws ConflictError when the team already has a channel of this name. */
  async insert(channel: ChannelRecord): Promise<void> {
    try {
      await this.db.insertInto('channels').values(toRow(channel)).execute();
    } catch (error) {
      throw mapDriverError(error, 'Channel');
    }
  }

  /**
   * Writes the channel's own fields. Post counters are left alone: they move concurrently and only
   * through `incrementPostCounts`.
   * @throws ConflictError when the new name is taken in the team.
   */
  async update(channel: ChannelRecord): Promise<void> {
    const {
      id,
      last_post_at: _lastPostAt,
      last_root_post_at: _lastRootPostAt,
      total_msg_count: _total,
      total_msg_count_root: _totalRoot,
      ...rest
    } = toRow(channel);
    try {
      await this.db.updateTable('channels').set(rest).where('id', '=', id).execute();
    } catch (error) {
      throw mapDriverError(error, 'Channel');
    }
  }

  async findById(id: string): Promise<ChannelRecord | undefined> {
    const row = await this.db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toChannelRecord(row) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<ChannelRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('channels').selectAll().where('id', 'in', [...new Set(ids)]).orderBy('name').execute();
    return rows.map(toChannelRecord);
  }

  /**
   * The channel of this name in the team, or among direct and group messages (Mattermost looks in
   * both). Archived channels only when asked.
   */
  async findByName(teamId: string, name: string, options: { includeDeleted: boolean }): Promise<ChannelRecord | undefined> {
    let query = this.db
      .selectFrom('channels')
      .selectAll()
      .where('name', '=', name)
      .where((eb) => eb.or([eb('team_id', '=', teamId), eb('team_id', '=', '')]))
      // The team's own channel wins over a direct message that happens to share the name.
      .orderBy(sql`case when team_id = '' then 1 else 0 end`);
    if (!options.includeDeleted) query = query.where('delete_at', '=', 0);
    const row = await query.executeTakeFirst();
    return row ? toChannelRecord(row) : undefined;
  }

  /** Public and private channels of the team, archived ones included (the MaxChannelsPerTeam count). */
  async countForTeam(teamId: string): Promise<number> {
    const row = await this.db
      .selectFrom('channels')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .where('type', 'in', ['O', 'P'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Channels matching the filter, by display name then name. */
  async list(filter: ChannelFilter, page?: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    let query = channelFilterQuery(this.db, filter).selectAll('channels').orderBy('channels.display_name').orderBy('channels.name').orderBy('channels.id');
    if (page) query = query.limit(page.limit).offset(page.offset);
    return (await query.execute()).map(toChannelRecord);
  }

  async count(filter: ChannelFilter): Promise<number> {
    const row = await channelFilterQuery(this.db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Like `list`, each channel with its team's names (system console listings). */
  async listWithTeams(filter: ChannelFilter, page?: { offset: number; limit: number }): Promise<ChannelWithTeamRow[]> {
    let query = channelFilterQuery(this.db, filter)
      .leftJoin('teams', 'teams.id', 'channels.team_id')
      .selectAll('channels')
      .select((eb) => [
        eb.fn.coalesce('teams.display_name', sql<string>`''`).as('team_display_name'),
        eb.fn.coalesce('teams.name', sql<string>`''`).as('team_name'),
        eb.fn.coalesce('teams.update_at', sql<number>`0`).as('team_update_at'),
      ])
      .orderBy('channels.display_name')
      .orderBy('channels.id');
    if (page) query = query.limit(page.limit).offset(page.offset);
    const rows = await query.execute();
    return rows.map((row) => ({
      ...toChannelRecord(row),
      team_display_name: row.team_display_name,
      team_name: row.team_name,
      team_update_at: Number(row.team_update_at),
    }));
  }

  /**
   * Counts a new post in its channel, in one statement: totals go up by one (the root total only
   * for a root post) and the last-post times move forward, never back.
   */
  async incrementPostCounts(channelId: string, change: PostCountChange): Promise<void> {
    const root = change.isRoot ? 1 : 0;
    await this.db
      .updateTable('channels')
      .set({
        total_msg_count: sql`total_msg_count + 1`,
        total_msg_count_root: sql`total_msg_count_root + ${root}`,
        last_post_at: sql`case when last_post_at < ${change.createAt} then ${change.createAt} else last_post_at end`,
        last_root_post_at: change.isRoot
          ? sql`case when last_root_post_at < ${change.createAt} then ${change.createAt} else last_root_post_at end`
          : sql`last_root_post_at`,
      })
      .where('id', '=', channelId)
      .execute();
  }

  /** Puts every channel of a deleted scheme back on its team's scheme. */
  async clearScheme(schemeId: string): Promise<void> {
    await this.db.updateTable('channels').set({ scheme_id: null }).where('scheme_id', '=', schemeId).execute();
  }

  async listByScheme(schemeId: string, page: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    const rows = await this.db
      .selectFrom('channels')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .orderBy('display_name')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toChannelRecord);
  }

  async listForTeam(teamId: string): Promise<ChannelRecord[]> {
    const rows = await this.db.selectFrom('channels').selectAll().where('team_id', '=', teamId).execute();
    return rows.map(toChannelRecord);
  }

  async permanentDelete(id: string): Promise<void> {
    await this.db.deleteFrom('channels').where('id', '=', id).execute();
  }
}
