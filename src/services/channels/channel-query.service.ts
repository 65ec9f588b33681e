import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { CHANNEL_OPEN, CHANNEL_PRIVATE, type Channel, type ChannelRecord, type ChannelStats, type ChannelWithTeamData } from '../../model/channel.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { ChannelAccess } from './channel-access.js';
import type { ChannelContent, PostList } from './channel-content.js';
import { requireChannelRecord } from './channel-lookups.js';
import { defaultChannelNames } from './channel-rules.js';
import { toWireChannel, toWireChannelWithTeam } from './channel-view.js';

export interface Page {
  page: number;
  perPage: number;
}

function offsetOf(page: Page): { offset: number; limit: number } {
  return { offset: page.page * page.perPage, limit: page.perPage };
}

/** Reading channels: one by id or name, team listings, a user's channels, stats, pins, timezones. */
export class ChannelQueryService {
  constructor(private readonly deps: { store: Store; config: LiveConfig; permissions: Permissions; access: ChannelAccess; content: ChannelContent }) {}

  /**
   * GET /channels/{id}: public channels need read_public_channel in the team (or read_channel),
   * the others read_channel.
   * @throws AppError 404 app.channel.get.existing.app_error, 403
   */
  async getChannel(ctx: RequestContext, channelId: string): Promise<Channel> {
    const channel = await requireChannelRecord(this.deps.store, channelId);
    if (channel.type === CHANNEL_OPEN) {
      if (!(await this.canReadPublic(ctx, channel))) throw AppError.forbidden(P.readPublicChannel);
    } else {
      await this.deps.access.require(ctx, channel, P.readChannel);
    }
    return toWireChannel(channel);
  }

  /**
   * GET /teams/{team_id}/channels/name/{name}: a channel the caller may not read is "not found"
   * unless it is public.
   * @throws AppError 404 app.channel.get_by_name.missing.app_error, 403 (read_public_channel)
   */
  async getChannelByName(ctx: RequestContext, teamId: string, name: string, includeDeleted: boolean): Promise<Channel> {
    const channel = await this.deps.store.channels.findByName(teamId, name, { includeDeleted });
    if (!channel) throw AppError.notFound('app.channel.get_by_name.missing.app_error', `team_id=${teamId} name=${name}`);
    return this.presentNamed(ctx, channel);
  }

  /**
   * GET /teams/name/{team_name}/channels/name/{name}.
   * @throws AppError 404 app.team.get_by_name.missing.app_error / app.channel.get_by_name.missing.app_error, 403
   */
  async getChannelByNameForTeamName(ctx: RequestContext, teamName: string, name: string, includeDeleted: boolean): Promise<Channel> {
    const team = await this.deps.store.teams.findByName(teamName);
    if (!team) throw AppError.notFound('app.team.get_by_name.missing.app_error', `name=${teamName}`);
    return this.getChannelByName(ctx, team.id, name, includeDeleted);
  }

  /** @throws AppError 403 (list_team_channels) */
  async getPublicChannelsForTeam(ctx: RequestContext, teamId: string, page: Page): Promise<Channel[]> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.listTeamChannels);
    return (await this.deps.store.channels.list({ teamId, types: [CHANNEL_OPEN] }, offsetOf(page))).map(toWireChannel);
  }

  /** @throws AppError 403 (manage_system) */
  async getPrivateChannelsForTeam(ctx: RequestContext, teamId: string, page: Page): Promise<Channel[]> {
    this.deps.permissions.require(ctx, P.manageSystem);
    return (await this.deps.store.channels.list({ teamId, types: [CHANNEL_PRIVATE] }, offsetOf(page))).map(toWireChannel);
  }

  /**
   * GET /teams/{team_id}/channels/deleted: the team's archived public channels and the archived
   * private ones the caller belongs to; nothing for callers outside the team.
   */
  async getDeletedChannelsForTeam(ctx: RequestContext, teamId: string, page: Page): Promise<Channel[]> {
    const p = this.deps.permissions;
    const member = await p.membership(ctx, teamId);
    if ((!member || member.delete_at > 0) && !p.isSystemAdmin(ctx)) return [];
    const filter = { teamId, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], archived: 'only' as const, publicOrMemberOf: callerId(ctx) };
    return (await this.deps.store.channels.list(filter, offsetOf(page))).map(toWireChannel);
  }

  /**
   * POST /teams/{team_id}/channels/ids: the team's live public channels among the ids.
   * @throws AppError 400 channel_ids / channel_id, 403 (view_team), 404 when none is found
   */
  async getPublicChannelsByIdsForTeam(ctx: RequestContext, teamId: string, ids: unknown): Promise<Channel[]> {
    if (!Array.isArray(ids) || ids.length === 0) throw AppError.invalidParam('channel_ids');
    if (!ids.every(isValidId)) throw AppError.invalidParam('channel_id');
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    const channels = await this.deps.store.channels.list({ teamId, ids, types: [CHANNEL_OPEN] });
    if (channels.length === 0) throw AppError.notFound('app.channel.get_channels_by_ids.not_found.app_error');
    return channels.map(toWireChannel);
  }

  /**
   * GET /users/{id}/teams/{team_id}/channels: the user's channels of the team and their direct and
   * group messages. Like Mattermost, an empty answer is a 404.
   * @throws AppError 403 (edit_other_users, view_team), 400 last_delete_at, 404 app.channel.get_channels.not_found.app_error
   */
  async getChannelsForTeamForUser(ctx: RequestContext, userId: string, teamId: string, options: { includeDeleted: boolean; lastDeleteAt: number }): Promise<Channel[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    if (options.lastDeleteAt < 0) throw AppError.invalidUrlParam('last_delete_at');
    const channels = await this.deps.store.channels.list({
      teamId,
      withDirect: true,
      memberOf: userId,
      archived: options.includeDeleted ? 'include' : 'exclude',
      ...(options.lastDeleteAt > 0 ? { archivedAfter: options.lastDeleteAt } : {}),
    });
    if (channels.length === 0) throw AppError.notFound('app.channel.get_channels.not_found.app_error', `user_id=${userId}`);
    return channels.map(toWireChannel);
  }

  /**
   * GET /users/{id}/channels: the user's channels of every team, with direct and group messages.
   * @throws AppError 403 (edit_other_users), 400 last_delete_at
   */
  async getChannelsForUser(ctx: RequestContext, userId: string, options: { includeDeleted: boolean; lastDeleteAt: number }): Promise<Channel[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    if (options.lastDeleteAt < 0) throw AppError.invalidUrlParam('last_delete_at');
    const channels = await this.deps.store.channels.list({
      memberOf: userId,
      archived: options.includeDeleted ? 'include' : 'exclude',
      ...(options.lastDeleteAt > 0 ? { archivedAfter: options.lastDeleteAt } : {}),
    });
    return channels.map(toWireChannel);
  }

  /**
   * GET /channels (system console): every public and private channel with its team's names.
   * @throws AppError 403 (sysconsole_read_user_management_groups / _channels, data retention)
   */
  async getAllChannels(
    ctx: RequestContext,
    options: Page & { includeDeleted: boolean; excludeDefaultChannels: boolean; excludePolicyConstrained: boolean; includeTotalCount: boolean },
  ): Promise<ChannelWithTeamData[] | { channels: ChannelWithTeamData[]; total_count: number }> {
    const p = this.deps.permissions;
    p.requireAny(ctx, [P.sysconsoleReadUserManagementGroups, P.sysconsoleReadUserManagementChannels]);
    if (options.excludePolicyConstrained) p.require(ctx, P.sysconsoleReadComplianceDataRetentionPolicy);
    const filter = {
      types: [CHANNEL_OPEN, CHANNEL_PRIVATE],
      archived: options.includeDeleted ? ('include' as const) : ('exclude' as const),
      ...(options.excludeDefaultChannels ? { excludeNames: defaultChannelNames(this.deps.config.get().TeamSettings.ExperimentalDefaultChannels) } : {}),
    };
    const channels = (await this.deps.store.channels.listWithTeams(filter, offsetOf(options))).map(toWireChannelWithTeam);
    if (!options.includeTotalCount) return channels;
    return { channels, total_count: await this.deps.store.channels.count(filter) };
  }

  /**
   * GET /channels/{id}/stats: members with active accounts, guests, pins, files (-1 when excluded).
   * @throws AppError 403 (read_channel)
   */
  async getChannelStats(ctx: RequestContext, channelId: string, excludeFilesCount: boolean): Promise<ChannelStats> {
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    const members = this.deps.store.channelMembers;
    const [memberCount, guestCount, pinned, files] = await Promise.all([
      members.count(channelId, { activeOnly: true }),
      members.count(channelId, { activeOnly: true, guestsOnly: true }),
      this.deps.content.pinnedPostCount(channelId),
      excludeFilesCount ? Promise.resolve(-1) : this.deps.content.fileCount(channelId),
    ]);
    return { channel_id: channelId, member_count: memberCount, guest_count: guestCount, pinnedpost_count: pinned, files_count: files };
  }

  /** @throws AppError 403 (read_channel) */
  async getPinnedPosts(ctx: RequestContext, channelId: string): Promise<PostList> {
    const channel = await this.deps.access.requireById(ctx, channelId, P.readChannel);
    return this.deps.content.pinnedPosts(ctx, channel);
  }

  /**
   * GET /channels/{id}/timezones: the members' preferred timezones, without blanks or repeats.
   * @throws AppError 403 (read_channel)
   */
  async getChannelMembersTimezones(ctx: RequestContext, channelId: string): Promise<string[]> {
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    const zones = new Set<string>();
    for (const tz of await this.deps.store.channelMembers.memberTimezones(channelId)) {
      if (!tz['automaticTimezone'] && !tz['manualTimezone']) continue;
      const preferred = tz['useAutomaticTimezone'] === 'true' ? tz['automaticTimezone'] : tz['manualTimezone'];
      zones.add(preferred ?? '');
    }
    return [...zones];
  }

  /**
   * GET /channels/{id}/member_counts_by_group: Parley has no groups, so no counts.
   * @throws AppError 403 (read_channel)
   */
  async getMemberCountsByGroup(ctx: RequestContext, channelId: string): Promise<unknown[]> {
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    return [];
  }

  private async canReadPublic(ctx: RequestContext, channel: ChannelRecord): Promise<boolean> {
    if (await this.deps.permissions.hasTeam(ctx, channel.team_id, P.readPublicChannel)) return true;
    return this.deps.access.has(ctx, channel, P.readChannel);
  }

  private async presentNamed(ctx: RequestContext, channel: ChannelRecord): Promise<Channel> {
    if (channel.type === CHANNEL_OPEN) {
      if (!(await this.canReadPublic(ctx, channel))) throw AppError.forbidden(P.readPublicChannel);
    } else if (!(await this.deps.access.has(ctx, channel, P.readChannel))) {
      // A private channel or conversation the caller cannot read is not found, so names reveal nothing.
      throw AppError.notFound('app.channel.get_by_name.missing.app_error', `team_id=${channel.team_id} name=${channel.name}`);
    }
    return toWireChannel(channel);
  }
}
