import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { UserRecord } from '../../model/user.js';
import type { UserFilter, UserSort } from '../../store/user.store.js';
import type { MemberVisibility } from '../../store/visibility.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';

export const PER_PAGE_DEFAULT = 60;
export const PER_PAGE_MAX = 200;
export const USER_SEARCH_MAX_LIMIT = 1000;
export const USER_SEARCH_DEFAULT_LIMIT = 100;
export const AUTOCOMPLETE_LIMIT_MAX = 100;
export const USER_IDS_MAX = 1000;

export interface ProfileQuery {
  page: number;
  perPage: number;
  sort?: string;
  inTeam?: string;
  notInTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  inGroupChannel?: string;
  withoutTeam?: boolean;
  active?: boolean;
  inactive?: boolean;
  roles?: string[];
  /** With `inChannel`: channel_admin, channel_user, channel_guest. */
  channelRoles?: string[];
}

export interface SearchQuery {
  term: string;
  team_id?: string;
  not_in_team_id?: string;
  in_channel_id?: string;
  not_in_channel_id?: string;
  allow_inactive?: boolean;
  without_team?: boolean;
  limit?: number;
}

/**
 * Scopes of team and channel filters. The teams and channels area supplies the membership checks;
 * until then such filters are refused rather than silently ignored.
 */
export interface MembershipScopes {
  /** @throws AppError 403 unless the caller may see the team's members. */
  checkTeamVisible(ctx: RequestContext, teamId: string): Promise<void>;
  /** @throws AppError 403 unless the caller may see the channel's members. */
  checkChannelVisible(ctx: RequestContext, channelId: string): Promise<void>;
  /** Ids of users sharing a channel with the caller (GET /users/known). */
  knownUserIds(ctx: RequestContext): Promise<string[]>;
  /** True when the caller shares a team or channel with the user (for callers without view_members). */
  sharesTeamOrChannel(ctx: RequestContext, userId: string): Promise<boolean>;
  /** Whose profiles the caller may list: undefined for everyone, else members of these teams and channels. */
  viewRestrictions?(ctx: RequestContext): Promise<MemberVisibility | undefined>;
}

/** Listings and searches over users: paging, filters, search, autocomplete. */
export class UserQueryService {
  scopes: MembershipScopes | undefined;

  constructor(private readonly deps: { store: Store; config: LiveConfig; permissions: Permissions }) {}

  /**
   * GET /users with Mattermost's filters; team and channel filters need the caller to see them.
   * @throws AppError 400 bad sort, 403, 501 when a membership filter is not available
   */
  async getProfiles(ctx: RequestContext, query: ProfileQuery): Promise<UserRecord[]> {
    const filter: UserFilter = {};
    if (query.inactive) filter.inactive = true;
    else if (query.active) filter.inactive = false;
    if (query.roles?.length) filter.roles = query.roles;
    await this.applyMembershipFilters(ctx, query, filter);
    if (query.channelRoles?.length && query.inChannel) filter.channelRoles = query.channelRoles;
    await this.applyViewRestrictions(ctx, filter);
    const sort = this.parseSort(query);
    return this.deps.store.users.list(filter, { offset: query.page * query.perPage, limit: query.perPage, ...(sort ? { sort } : {}) });
  }

  /**
   * POST /users/ids.
   * @throws AppError 400 user_ids when empty, too many or malformed
   */
  async getProfilesByIds(ids: unknown, since?: number): Promise<UserRecord[]> {
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > USER_IDS_MAX || !ids.every(isValidId)) {
      throw AppError.invalidParam('user_ids');
    }
    const users = await this.deps.store.users.findByIds(ids);
    return since ? users.filter((u) => u.update_at > since) : users;
  }

  /**
   * POST /users/usernames.
   * @throws AppError 400 usernames when empty or not strings
   */
  async getProfilesByUsernames(usernames: unknown): Promise<UserRecord[]> {
    if (!Array.isArray(usernames) || usernames.length === 0 || usernames.length > USER_IDS_MAX || !usernames.every((u) => typeof u === 'string')) {
      throw AppError.invalidParam('usernames');
    }
    return this.deps.store.users.findByUsernames(usernames);
  }

  /**
   * POST /users/search.
   * @throws AppError 400 term/limit, 403
   */
  async search(ctx: RequestContext, query: SearchQuery): Promise<UserRecord[]> {
    if (!query.term) throw AppError.invalidParam('term');
    const limit = query.limit ?? USER_SEARCH_DEFAULT_LIMIT;
    if (limit <= 0 || limit > USER_SEARCH_MAX_LIMIT) throw AppError.invalidParam('limit');
    const filter: UserFilter = {};
    if (!query.allow_inactive) filter.inactive = false;
    await this.applyMembershipFilters(
      ctx,
      {
        ...(query.team_id ? { inTeam: query.team_id } : {}),
        ...(query.not_in_team_id ? { notInTeam: query.not_in_team_id } : {}),
        ...(query.in_channel_id ? { inChannel: query.in_channel_id } : {}),
        ...(query.not_in_channel_id ? { notInChannel: query.not_in_channel_id } : {}),
        ...(query.without_team ? { withoutTeam: true } : {}),
      },
      filter,
    );
    await this.applyViewRestrictions(ctx, filter);
    return this.deps.store.users.search({ ...filter, term: query.term, limit, ...this.searchVisibility(ctx) });
  }

  /**
   * GET /users/autocomplete: users matching a name prefix, split into channel members and others
   * when a channel is given.
   */
  async autocomplete(
    ctx: RequestContext,
    query: { name: string; inTeam?: string; inChannel?: string; limit: number },
  ): Promise<{ users: UserRecord[]; out_of_channel?: UserRecord[] }> {
    const limit = Math.min(Math.max(query.limit, 1), AUTOCOMPLETE_LIMIT_MAX);
    const base: UserFilter = { inactive: false };
    await this.applyViewRestrictions(ctx, base);
    const visibility = this.searchVisibility(ctx);
    const find = async (filter: UserFilter): Promise<UserRecord[]> =>
      query.name
        ? this.deps.store.users.search({ ...filter, term: query.name, limit, ...visibility })
        : this.deps.store.users.list(filter, { offset: 0, limit });
    if (query.inChannel) {
      const inFilter: UserFilter = { ...base };
      await this.applyMembershipFilters(ctx, { inChannel: query.inChannel }, inFilter);
      const outFilter: UserFilter = { ...base };
      await this.applyMembershipFilters(ctx, { notInChannel: query.inChannel, ...(query.inTeam ? { inTeam: query.inTeam } : {}) }, outFilter);
      return { users: await find(inFilter), out_of_channel: await find(outFilter) };
    }
    const filter: UserFilter = { ...base };
    if (query.inTeam) await this.applyMembershipFilters(ctx, { inTeam: query.inTeam }, filter);
    return { users: await find(filter) };
  }

  /**
   * Mattermost's UserCanSeeOtherUser: oneself, anyone with view_members, or someone met in a team
   * or channel.
   * @throws AppError 403 (view_members) otherwise
   */
  async checkCanSee(ctx: RequestContext, userId: string): Promise<void> {
    if (ctx.isSystem || ctx.session?.user_id === userId) return;
    if (this.deps.permissions.has(ctx, P.viewMembers)) return;
    if (this.scopes && (await this.scopes.sharesTeamOrChannel(ctx, userId))) return;
    throw AppError.forbidden(P.viewMembers);
  }

  /** GET /users/known. */
  async knownUserIds(ctx: RequestContext): Promise<string[]> {
    return this.scopes ? this.scopes.knownUserIds(ctx) : [];
  }

  /** GET /users/stats: active, non-bot accounts. */
  async totalUsers(): Promise<number> {
    return this.deps.store.users.count({ inactive: false, excludeBots: true });
  }

  private searchVisibility(ctx: RequestContext): { allowEmails: boolean; allowFullNames: boolean } {
    const privacy = this.deps.config.get().PrivacySettings;
    const admin = this.deps.permissions.isSystemAdmin(ctx);
    return { allowEmails: privacy.ShowEmailAddress || admin, allowFullNames: privacy.ShowFullName || admin };
  }

  private parseSort(query: ProfileQuery): UserSort | undefined {
    if (!query.sort) return undefined;
    if (query.sort === 'last_activity_at' || query.sort === 'create_at') {
      if (!query.inTeam) throw AppError.invalidUrlParam('sort');
      return query.sort;
    }
    if (query.sort === 'status' || query.sort === 'admin') {
      if (!query.inChannel) throw AppError.invalidUrlParam('sort');
      // Until statuses exist, "status" orders by username (online users first is not knowable yet).
      return query.sort === 'admin' ? 'admin' : undefined;
    }
    if (query.sort === 'display_name') {
      if (!query.inChannel && !query.inGroupChannel) throw AppError.invalidUrlParam('sort');
      return undefined;
    }
    throw AppError.invalidUrlParam('sort');
  }

  /** Callers without view_members list only people they share a team (where they may view members) or a channel with. */
  private async applyViewRestrictions(ctx: RequestContext, filter: UserFilter): Promise<void> {
    const restrictions = await this.scopes?.viewRestrictions?.(ctx);
    if (!restrictions) return;
    filter.restrictToTeams = [...restrictions.teamIds];
    filter.restrictToChannels = [...(restrictions.channelIds ?? [])];
  }

  private async applyMembershipFilters(ctx: RequestContext, query: Partial<ProfileQuery>, filter: UserFilter): Promise<void> {
    const wanted = [query.inTeam, query.notInTeam, query.inChannel, query.notInChannel, query.inGroupChannel].some(Boolean) || query.withoutTeam;
    if (!wanted) return;
    const scopes = this.scopes;
    if (!scopes) throw AppError.notImplemented('api.user.get_users.membership_filters.app_error', 'team and channel filters are not available yet');
    for (const id of [query.inTeam, query.notInTeam, query.inChannel, query.notInChannel, query.inGroupChannel]) {
      if (id !== undefined && !isValidId(id)) throw AppError.invalidUrlParam('id');
    }
    if (query.inTeam) {
      await scopes.checkTeamVisible(ctx, query.inTeam);
      filter.inTeam = query.inTeam;
    }
    if (query.notInTeam) {
      await scopes.checkTeamVisible(ctx, query.notInTeam);
      filter.notInTeam = query.notInTeam;
    }
    if (query.inChannel) {
      await scopes.checkChannelVisible(ctx, query.inChannel);
      filter.inChannel = query.inChannel;
    }
    if (query.notInChannel) {
      await scopes.checkChannelVisible(ctx, query.notInChannel);
      filter.notInChannel = query.notInChannel;
    }
    if (query.inGroupChannel) {
      await scopes.checkChannelVisible(ctx, query.inGroupChannel);
      filter.inGroupChannel = query.inGroupChannel;
    }
    if (query.withoutTeam) {
      this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementUsers);
      filter.withoutTeam = true;
    }
  }
}
