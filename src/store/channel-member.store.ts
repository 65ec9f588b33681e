import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChannelMemberRecord } from '../model/channel.js';
import { fromDbBool, fromDbJson, toDbBool } from './codec.js';
import { mapDriverError } from './errors.js';
import type { DB } from './schema.js';
import type { ChannelMembersTable } from './tables/channels.tables.js';

/** A membership with the schemes its roles resolve through (its channel's, then its team's). */
export interface ChannelMemberWithSchemes extends ChannelMemberRecord {
  channel_scheme_id: string | null;
  team_scheme_id: string | null;
}

type MemberRow = Selectable<ChannelMembersTable> & { channel_scheme_id: string | null; team_scheme_id: string | null };

function toMember(row: MemberRow): ChannelMemberWithSchemes {
  return {
    channel_id: row.channel_id,
    user_id: row.user_id,
    explicit_roles: row.roles,
    last_viewed_at: row.last_viewed_at,
    msg_count: row.msg_count,
    mention_count: row.mention_count,
    mention_count_root: row.mention_count_root,
    urgent_mention_count: row.urgent_mention_count,
    msg_count_root: row.msg_count_root,
    notify_props: fromDbJson(row.notify_props, {}),
    last_update_at: row.last_update_at,
    scheme_guest: fromDbBool(row.scheme_guest),
    scheme_user: fromDbBool(row.scheme_user),
    scheme_admin: fromDbBool(row.scheme_admin),
    channel_scheme_id: row.channel_scheme_id,
    team_scheme_id: row.team_scheme_id,
  };
}

/** Unread counters of one membership, as Mattermost's unread endpoints read them. */
export interface MemberUnreadRow {
  team_id: string;
  channel_id: string;
  /** Messages not yet read: the channel's total minus what the member has seen. */
  msg_count: number;
  msg_count_root: number;
  mention_count: number;
  mention_count_root: number;
  urgent_mention_count: number;
  notify_props: Record<string, string>;
}

/**
 * Channel memberships and their unread counters. Counters change in single statements
 * (`incrementMentionCounts`, `markViewed`), never by reading and writing back.
 */
export class ChannelMemberStore {
  constructor(private readonly db: Kysely<DB>) {}

  private withSchemes() {
    return this.db
      .selectFrom('channel_members')
      .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .leftJoin('teams', 'teams.id', 'channels.team_id')
      .selectAll('channel_members')
      .select(['channels.scheme_id as channel_scheme_id', 'teams.scheme_id as team_scheme_id']);
  }

  /** @throws ConflictError when the user is already a member. */
  async insert(member: ChannelMemberRecord): Promise<void> {
    try {
      await this.db
        .insertInto('channel_members')
        .values({
          channel_id: member.channel_id,
          user_id: member.user_id,
          roles: member.explicit_roles,
          last_viewed_at: member.last_viewed_at,
          msg_count: member.msg_count,
          mention_count: member.mention_count,
          mention_count_root: member.mention_count_root,
          urgent_mention_count: member.urgent_mention_count,
          msg_count_root: member.msg_count_root,
          notify_props: JSON.stringify(member.notify_props),
          last_update_at: member.last_update_at,
          scheme_guest: toDbBool(member.scheme_guest),
          scheme_user: toDbBool(member.scheme_user),
          scheme_admin: toDbBool(member.scheme_admin),
        })
        .execute();
    } catch (error) {
      throw mapDriverError(error, 'ChannelMember');
    }
  }

  async find(channelId: string, userId: string): Promise<ChannelMemberWithSchemes | undefined> {
    const row = await this.withSchemes().where('channel_members.channel_id', '=', channelId).where('channel_members.user_id', '=', userId).executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  /** Writes explicit roles and scheme flags (counters are not touched). */
  async updateRoles(member: ChannelMemberRecord, at: number): Promise<void> {
    await this.db
      .updateTable('channel_members')
      .set({
        roles: member.explicit_roles,
        scheme_guest: toDbBool(member.scheme_guest),
        scheme_user: toDbBool(member.scheme_user),
        scheme_admin: toDbBool(member.scheme_admin),
        last_update_at: at,
      })
      .where('channel_id', '=', member.channel_id)
      .where('user_id', '=', member.user_id)
      .execute();
  }

  async updateNotifyProps(channelId: string, userId: string, props: Record<string, string>, at: number): Promise<void> {
    await this.db
      .updateTable('channel_members')
      .set({ notify_props: JSON.stringify(props), last_update_at: at })
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Returns true when a membership was removed. */
  async delete(channelId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('channel_members').where('channel_id', '=', channelId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteForChannel(channelId: string): Promise<void> {
    await this.db.deleteFrom('channel_members').where('channel_id', '=', channelId).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('channel_members').where('user_id', '=', userId).execute();
  }

  /** Members of a channel by user id, one page. */
  async listForChannel(channelId: string, page: { offset: number; limit: number }): Promise<ChannelMemberWithSchemes[]> {
    const rows = await this.withSchemes()
      .where('channel_members.channel_id', '=', channelId)
      .orderBy('channel_members.user_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toMember);
  }

  async listByUserIds(channelId: string, userIds: readonly string[]): Promise<ChannelMemberWithSchemes[]> {
    if (userIds.length === 0) return [];
    const rows = await this.withSchemes()
      .where('channel_members.channel_id', '=', channelId)
      .where('channel_members.user_id', 'in', [...new Set(userIds)])
      .orderBy('channel_members.user_id')
      .execute();
    return rows.map(toMember);
  }

  /**
   * The user's memberships: of one team's channels plus direct and group messages when `teamId`
   * is given, else of every channel; live channels only unless `includeArchived`.
   */
  async listForUser(userId: string, options: { teamId?: string; includeArchived?: boolean } = {}): Promise<ChannelMemberWithSchemes[]> {
    let query = this.withSchemes().where('channel_members.user_id', '=', userId);
    if (options.teamId !== undefined) {
      const teamId = options.teamId;
      query = query.where((eb) => eb.or([eb('channels.team_id', '=', teamId), eb('channels.team_id', '=', '')]));
    }
    if (!options.includeArchived) query = query.where('channels.delete_at', '=', 0);
    return (await query.orderBy('channel_members.channel_id').execute()).map(toMember);
  }

  /** Members of the channel: active accounts only, or deactivated ones too. */
  async count(channelId: string, options: { activeOnly: boolean; guestsOnly?: boolean }): Promise<number> {
    let query = this.db
      .selectFrom('channel_members')
      .innerJoin('users', 'users.id', 'channel_members.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel_members.channel_id', '=', channelId);
    if (options.activeOnly) query = query.where('users.delete_at', '=', 0);
    if (options.guestsOnly) query = query.where('channel_members.scheme_guest', '=', 1);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /** Ids of the channels of a team (and, with `withDirect`, the direct and group messages) the user is in. */
  async channelIdsForUser(userId: string, options: { teamId?: string } = {}): Promise<string[]> {
    let query = this.db
      .selectFrom('channel_members')
      .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .select('channel_members.channel_id')
      .where('channel_members.user_id', '=', userId);
    if (options.teamId !== undefined) query = query.where('channels.team_id', '=', options.teamId);
    return (await query.execute()).map((r) => r.channel_id);
  }

  /** Ids of users who are members of at least one of the channels. */
  async userIdsInChannels(channelIds: readonly string[]): Promise<string[]> {
    if (channelIds.length === 0) return [];
    const rows = await this.db.selectFrom('channel_members').select('user_id').distinct().where('channel_id', 'in', [...channelIds]).execute();
    return rows.map((r) => r.user_id);
  }

  /** True when the user is a member of one of the channels. */
  async belongsToAny(userId: string, channelIds: readonly string[]): Promise<boolean> {
    if (channelIds.length === 0) return false;
    const row = await this.db
      .selectFrom('channel_members')
      .select('channel_id')
      .where('user_id', '=', userId)
      .where('channel_id', 'in', [...channelIds])
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The timezone JSON of every member of the channel. */
  async memberTimezones(channelId: string): Promise<Array<Record<string, string>>> {
    const rows = await this.db
      .selectFrom('channel_members')
      .innerJoin('users', 'users.id', 'channel_members.user_id')
      .select('users.timezone')
      .where('channel_members.channel_id', '=', channelId)
      .execute();
    return rows.map((r) => fromDbJson<Record<string, string>>(r.timezone, {}));
  }

  /**
   * Counts a mention of each user in one statement: mention counts go up by one, the root count
   * only for a root post and the urgent count only for an urgent one.
   */
  async incrementMentionCounts(channelId: string, userIds: readonly string[], change: { isRoot: boolean; urgent: boolean; at: number }): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .updateTable('channel_members')
      .set({
        mention_count: sql`mention_count + 1`,
        mention_count_root: sql`mention_count_root + ${change.isRoot ? 1 : 0}`,
        urgent_mention_count: sql`urgent_mention_count + ${change.urgent ? 1 : 0}`,
        last_update_at: change.at,
      })
      .where('channel_id', '=', channelId)
      .where('user_id', 'in', [...new Set(userIds)])
      .execute();
  }

  /**
   * Marks the channels read for the user in one statement, as Mattermost's UpdateLastViewedAt
   * does: mention counts to 0, message counts up to the channel's totals and the last-viewed time
   * up to the channel's last post, each read from the channel row as the statement runs (never
   * back). Only memberships with something unread change. Returns how many changed.
   */
  async markViewed(channelIds: readonly string[], userId: string, at: number): Promise<number> {
    if (channelIds.length === 0) return 0;
    const channel = (column: string) => sql`(select ${sql.ref(`c.${column}`)} from channels c where c.id = channel_members.channel_id)`;
    const atLeast = (own: string, column: string) => sql<number>`case when ${channel(column)} > ${sql.ref(own)} then ${channel(column)} else ${sql.ref(own)} end`;
    const result = await this.db
      .updateTable('channel_members')
      .set({
        mention_count: 0,
        mention_count_root: 0,
        urgent_mention_count: 0,
        msg_count: atLeast('msg_count', 'total_msg_count'),
        msg_count_root: atLeast('msg_count_root', 'total_msg_count_root'),
        last_viewed_at: atLeast('last_viewed_at', 'last_post_at'),
        last_update_at: at,
      })
      .where('user_id', '=', userId)
      .where('channel_id', 'in', [...new Set(channelIds)])
      .where((eb) =>
        eb.or([
          eb('mention_count', '>', 0),
          eb('urgent_mention_count', '>', 0),
          sql<boolean>`${channel('total_msg_count')} > msg_count`,
          sql<boolean>`${channel('last_post_at')} > last_viewed_at`,
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Each of the user's memberships among the channels, with the channel's last post time. */
  async lastPostTimes(channelIds: readonly string[], userId: string): Promise<Record<string, number>> {
    if (channelIds.length === 0) return {};
    const rows = await this.db
      .selectFrom('channel_members')
      .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .select(['channels.id', 'channels.last_post_at'])
      .where('channel_members.user_id', '=', userId)
      .where('channel_members.channel_id', 'in', [...new Set(channelIds)])
      .execute();
    return Object.fromEntries(rows.map((r) => [r.id, r.last_post_at]));
  }

  /** Unread counters of the user's live channels, for one team, one channel, or every team but one. */
  async unreads(userId: string, scope: { channelId?: string; teamId?: string; excludeTeamId?: string }): Promise<MemberUnreadRow[]> {
    let query = this.db
      .selectFrom('channel_members')
      .innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .select([
        'channels.team_id',
        'channels.id as channel_id',
        sql<number>`channels.total_msg_count - channel_members.msg_count`.as('msg_count'),
        sql<number>`channels.total_msg_count_root - channel_members.msg_count_root`.as('msg_count_root'),
        'channel_members.mention_count',
        'channel_members.mention_count_root',
        'channel_members.urgent_mention_count',
        'channel_members.notify_props',
      ])
      .where('channel_members.user_id', '=', userId)
      .where('channels.delete_at', '=', 0);
    if (scope.channelId !== undefined) query = query.where('channels.id', '=', scope.channelId);
    if (scope.teamId !== undefined) query = query.where('channels.team_id', '=', scope.teamId);
    if (scope.excludeTeamId !== undefined) query = query.where('channels.team_id', '!=', scope.excludeTeamId);
    const rows = await query.execute();
    return rows.map((r) => ({
      team_id: r.team_id,
      channel_id: r.channel_id,
      msg_count: Number(r.msg_count),
      msg_count_root: Number(r.msg_count_root),
      mention_count: r.mention_count,
      mention_count_root: r.mention_count_root,
      urgent_mention_count: r.urgent_mention_count,
      notify_props: fromDbJson(r.notify_props, {}),
    }));
  }
}
