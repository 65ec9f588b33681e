import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { CHANNEL_GROUP, CHANNEL_OPEN, CHANNEL_PRIVATE, type Channel, type ChannelWithTeamData } from '../../model/channel.js';
import { P } from '../../model/permissions.js';
import type { ChannelFilter } from '../../store/channel-filter.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import { isGuestUser } from '../teams/team-rules.js';
import { defaultChannelNames } from './channel-rules.js';
import { toWireChannel, toWireChannelWithTeam } from './channel-view.js';

/** Mattermost's limits: autocompletes answer 50 channels, searches 100. */
export const CHANNEL_AUTOCOMPLETE_LIMIT = 50;
export const CHANNEL_SEARCH_LIMIT = 100;

/** The body of POST /channels/search (the system console's channel search). */
export interface ChannelSearchInput {
  term?: string;
  team_ids?: string[];
  public?: boolean;
  private?: boolean;
  deleted?: boolean;
  include_deleted?: boolean;
  exclude_default_channels?: boolean;
  group_constrained?: boolean;
  exclude_group_constrained?: boolean;
  exclude_policy_constrained?: boolean;
  include_search_by_id?: boolean;
  page?: number;
  per_page?: number;
}

/** Searches and autocompletes over channels: in a team, archived, everywhere, group messages. */
export class ChannelSearchService {
  constructor(private readonly deps: { store: Store; config: LiveConfig; permissions: Permissions }) {}

  /**
   * GET /teams/{id}/channels/autocomplete: public channels and the caller's private ones (a
   * guest's own only) whose names start with the term; archived ones the caller belongs to.
   * @throws AppError 403 (list_team_channels)
   */
  async autocompleteChannelsForTeam(ctx: RequestContext, teamId: string, name: string): Promise<Channel[]> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.listTeamChannels);
    const filter: ChannelFilter = { teamId, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], term: name, ...(await this.visibility(ctx)), ...this.archivedForMember(ctx) };
    return this.find(filter, CHANNEL_AUTOCOMPLETE_LIMIT);
  }

  /** GET /teams/{id}/channels/search_autocomplete: the caller's own channels of the team ("in:" in searches). */
  async autocompleteChannelsForSearch(ctx: RequestContext, teamId: string, name: string): Promise<Channel[]> {
    return this.find({ teamId, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], memberOf: callerId(ctx), term: name, ...this.archivedForMember(ctx) }, CHANNEL_AUTOCOMPLETE_LIMIT);
  }

  /**
   * POST /teams/{id}/channels/search: the team's public channels for those who may list them,
   * otherwise the caller's own channels of the team.
   * @throws AppError 404 app.team.get_member.missing.app_error for callers outside the team
   */
  async searchChannelsForTeam(ctx: RequestContext, teamId: string, term: string): Promise<Channel[]> {
    const archived = this.viewArchived() ? ('include' as const) : ('exclude' as const);
    if (await this.deps.permissions.hasTeam(ctx, teamId, P.listTeamChannels)) {
      return this.find({ teamId, types: [CHANNEL_OPEN], term, archived }, CHANNEL_SEARCH_LIMIT);
    }
    await this.requireTeamMember(ctx, teamId);
    return this.find({ teamId, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], memberOf: callerId(ctx), term, archived }, CHANNEL_SEARCH_LIMIT);
  }

  /**
   * POST /teams/{id}/channels/search_archived: archived public channels and the archived private
   * channels the caller belongs to.
   * @throws AppError 404 app.team.get_member.missing.app_error for callers outside the team
   */
  async searchArchivedChannelsForTeam(ctx: RequestContext, teamId: string, term: string): Promise<Channel[]> {
    if (!(await this.deps.permissions.hasTeam(ctx, teamId, P.listTeamChannels))) await this.requireTeamMember(ctx, teamId);
    return this.find({ teamId, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], archived: 'only', publicOrMemberOf: callerId(ctx), term }, CHANNEL_SEARCH_LIMIT);
  }

  /**
   * POST /channels/search. Outside the system console (`system_console=false`) it autocompletes
   * over the caller's teams; in it, system admins search every public and private channel.
   * @throws AppError 403 (sysconsole_read_user_management_channels, data retention)
   */
  async searchAllChannels(
    ctx: RequestContext,
    input: ChannelSearchInput,
    options: { systemConsole: boolean; includeDeleted: boolean },
  ): Promise<ChannelWithTeamData[] | { channels: ChannelWithTeamData[]; total_count: number }> {
    const term = input.term ?? '';
    const store = this.deps.store;
    if (!options.systemConsole) {
      const teamIds = await store.teamMembers.teamIdsForUser(callerId(ctx));
      const filter: ChannelFilter = { teamIds, types: [CHANNEL_OPEN, CHANNEL_PRIVATE], term, ...(await this.visibility(ctx)), ...this.archivedForMember(ctx) };
      return (await store.channels.listWithTeams(filter, { offset: 0, limit: CHANNEL_AUTOCOMPLETE_LIMIT })).map(toWireChannelWithTeam);
    }
    const p = this.deps.permissions;
    if (input.exclude_policy_constrained) p.require(ctx, P.sysconsoleReadComplianceDataRetentionPolicy);
    p.require(ctx, P.sysconsoleReadUserManagementChannels);
    const types = [...(input.public ? [CHANNEL_OPEN] : []), ...(input.private ? [CHANNEL_PRIVATE] : [])];
    const includeDeleted = options.includeDeleted || (input.include_deleted ?? false);
    const filter: ChannelFilter = {
      types: types.length ? types : [CHANNEL_OPEN, CHANNEL_PRIVATE],
      term,
      termMatchesId: input.include_search_by_id ?? false,
      archived: input.deleted ? 'only' : includeDeleted ? 'include' : 'exclude',
      ...(input.team_ids?.length ? { teamIds: input.team_ids } : {}),
      ...(input.exclude_default_channels ? { excludeNames: defaultChannelNames(this.deps.config.get().TeamSettings.ExperimentalDefaultChannels) } : {}),
      ...(input.group_constrained ? { groupConstrained: true } : input.exclude_group_constrained ? { groupConstrained: false } : {}),
    };
    if (input.page === undefined || input.per_page === undefined) return (await store.channels.listWithTeams(filter)).map(toWireChannelWithTeam);
    const channels = (await store.channels.listWithTeams(filter, { offset: input.page * input.per_page, limit: input.per_page })).map(toWireChannelWithTeam);
    return { channels, total_count: await store.channels.count(filter) };
  }

  /** POST /channels/group/search: the caller's group messages whose members' names match. */
  async searchGroupChannels(ctx: RequestContext, term: string): Promise<Channel[]> {
    if (!term.trim()) return [];
    return this.find({ types: [CHANNEL_GROUP], memberOf: callerId(ctx), term }, CHANNEL_SEARCH_LIMIT);
  }

  private async find(filter: ChannelFilter, limit: number): Promise<Channel[]> {
    return (await this.deps.store.channels.list(filter, { offset: 0, limit })).map(toWireChannel);
  }

  /** Guests only find the channels they belong to; others find public ones too. */
  private async visibility(ctx: RequestContext): Promise<ChannelFilter> {
    const me = callerId(ctx);
    const user = await this.deps.store.users.findById(me);
    return user && isGuestUser(user) ? { memberOf: me } : { publicOrMemberOf: me };
  }

  /** Archived channels the caller belongs to, while the server lets archived channels be viewed. */
  private archivedForMember(ctx: RequestContext): ChannelFilter {
    return this.viewArchived() ? { archived: 'include', archivedOnlyForMember: callerId(ctx) } : { archived: 'exclude' };
  }

  private viewArchived(): boolean {
    return this.deps.config.get().TeamSettings.ExperimentalViewArchivedChannels;
  }

  /** @throws AppError 404 app.team.get_member.missing.app_error */
  private async requireTeamMember(ctx: RequestContext, teamId: string): Promise<void> {
    const member = await this.deps.permissions.membership(ctx, teamId);
    if (!member || member.delete_at > 0) throw AppError.notFound('app.team.get_member.missing.app_error', `team_id=${teamId}`);
  }
}
