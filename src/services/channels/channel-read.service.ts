import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { MARK_UNREAD_MENTION, type ChannelUnread, type TeamUnread } from '../../model/channel.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { MemberUnreadRow } from '../../store/channel-member.store.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { ChannelAccess } from './channel-access.js';

export interface ChannelView {
  channel_id?: unknown;
  prev_channel_id?: unknown;
}

/** Reading channels: marking them viewed, and the unread counts of a channel, a team, every team. */
export class ChannelReadService {
  constructor(private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; permissions: Permissions; access: ChannelAccess }) {}

  /**
   * POST /channels/members/{user_id}/view: the channel (and the previous one) become read. Channels
   * the user is not a member of are ignored; '' ids mean "none" (focus lost).
   * @throws AppError 400 channel_view.channel_id / prev_channel_id, 403 (edit_other_users)
   */
  async viewChannel(ctx: RequestContext, userId: string, view: ChannelView): Promise<Record<string, number>> {
    const ids: string[] = [];
    for (const [field, value] of [
      ['channel_id', view.channel_id],
      ['prev_channel_id', view.prev_channel_id],
    ] as const) {
      if (value === undefined || value === '') continue;
      if (!isValidId(value)) throw AppError.invalidParam(`channel_view.${field}`);
      ids.push(value);
    }
    this.deps.permissions.requireActOnUser(ctx, userId);
    return this.markViewed(userId, ids);
  }

  /**
   * Marks the channels read for the user in one statement (posts call this for their author).
   * Returns each membership's channel with its new last-viewed time.
   */
  async markViewed(userId: string, channelIds: readonly string[]): Promise<Record<string, number>> {
    if (channelIds.length === 0) return {};
    const store = this.deps.store;
    const changed = await store.channelMembers.markViewed(channelIds, userId, this.deps.clock.now());
    const times = await store.channelMembers.lastPostTimes(channelIds, userId);
    if (changed > 0) this.deps.uow.publish(event('channel.viewed', { userId, times }));
    return times;
  }

  /**
   * GET /users/{id}/channels/{channel_id}/unread. Muted channels (mark_unread "mention") report no
   * unread messages, as in Mattermost.
   * @throws AppError 403 (edit_other_users, read_channel), 404 app.channel.get_unread.app_error
   */
  async getChannelUnread(ctx: RequestContext, userId: string, channelId: string): Promise<ChannelUnread> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    const [row] = await this.deps.store.channelMembers.unreads(userId, { channelId });
    if (!row) throw AppError.notFound('app.channel.get_unread.app_error', `channel_id=${channelId} user_id=${userId}`);
    const muted = row.notify_props['mark_unread'] === MARK_UNREAD_MENTION;
    return {
      team_id: row.team_id,
      channel_id: row.channel_id,
      msg_count: muted ? 0 : row.msg_count,
      mention_count: row.mention_count,
      mention_count_root: row.mention_count_root,
      urgent_mention_count: row.urgent_mention_count,
      msg_count_root: muted ? 0 : row.msg_count_root,
    };
  }

  /**
   * GET /users/{id}/teams/{team_id}/unread.
   * @throws AppError 403 (edit_other_users, view_team)
   */
  async getTeamUnread(ctx: RequestContext, userId: string, teamId: string): Promise<TeamUnread> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    return sumTeamUnreads(teamId, await this.deps.store.channelMembers.unreads(userId, { teamId }));
  }

  /**
   * GET /users/{id}/teams/unread: one entry per team the user has channels in, except `excludeTeamId`.
   * @throws AppError 403 (manage_system) for another user
   */
  async getTeamsUnreadForUser(ctx: RequestContext, userId: string, excludeTeamId: string): Promise<TeamUnread[]> {
    if (callerId(ctx) !== userId) this.deps.permissions.require(ctx, P.manageSystem);
    const rows = await this.deps.store.channelMembers.unreads(userId, { excludeTeamId });
    const byTeam = new Map<string, MemberUnreadRow[]>();
    // As in Mattermost, conversations (team '') are left out only by the "team != excluded" test,
    // so they form an entry of their own when another team is excluded.
    for (const row of rows) {
      byTeam.set(row.team_id, [...(byTeam.get(row.team_id) ?? []), row]);
    }
    return [...byTeam.entries()].map(([teamId, teamRows]) => sumTeamUnreads(teamId, teamRows));
  }
}

/** Mattermost's team sums: mentions always count; messages only in channels not muted. */
function sumTeamUnreads(teamId: string, rows: readonly MemberUnreadRow[]): TeamUnread {
  const unread: TeamUnread = {
    team_id: teamId,
    msg_count: 0,
    mention_count: 0,
    mention_count_root: 0,
    msg_count_root: 0,
    thread_count: 0,
    thread_mention_count: 0,
    thread_urgent_mention_count: 0,
  };
  for (const row of rows) {
    unread.mention_count += row.mention_count;
    unread.mention_count_root += row.mention_count_root;
    if (row.notify_props['mark_unread'] !== MARK_UNREAD_MENTION) {
      unread.msg_count += row.msg_count;
      unread.msg_count_root += row.msg_count_root;
    }
  }
  return unread;
}
