import type { LiveConfig } from '../../config/live-config.js';
import { SYNCABLE_GROUP_SOURCE_PREFIXES, SYNCABLE_GROUP_SOURCES, type Group } from '../../model/group.js';
import { P } from '../../model/permissions.js';
import type { GroupListOptions } from '../../store/group.store.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UserQueryService } from '../users/user-query.service.js';
import type { GroupAccess } from './group-access.js';
import { toWireGroup } from './group-rules.js';
import { presentGroups } from './group-view.js';

/** GET /groups options (Mattermost's GroupSearchOpts as the query string carries them). */
export interface GroupQuery {
  page: number;
  perPage: number;
  q: string;
  includeMemberCount: boolean;
  includeMemberIds: boolean;
  filterAllowReference: boolean;
  filterArchived: boolean;
  includeArchived: boolean;
  source: string;
  onlySyncableSources: boolean;
  filterHasMember: string;
  since: number;
  notAssociatedToTeam: string;
  notAssociatedToChannel: string;
  includeChannelMemberCount: string;
  includeTotalCount: boolean;
}

export interface GroupQueryServiceDeps {
  store: Store;
  config: LiveConfig;
  permissions: Permissions;
  access: GroupAccess;
  userQueries: UserQueryService;
}

/** Reading groups: one group, the filtered list, a user's groups, groups by name. Every source is covered. */
export class GroupQueryService {
  constructor(private readonly deps: GroupQueryServiceDeps) {}

  /**
   * GET /groups/{id}; groups that may not be mentioned need the system console group permission.
   * @throws AppError 404 app.group.no_rows, 403, 400 api.custom_groups.feature_disabled
   */
  async getGroup(ctx: RequestContext, groupId: string, options: { includeMemberCount: boolean; includeMemberIds: boolean }): Promise<Group> {
    const { access } = this.deps;
    const group = await access.findGroup(groupId);
    if (!group.allow_reference) await access.requireGroupPermission(ctx, groupId, P.sysconsoleReadUserManagementGroups);
    access.requireConfiguredFor(group.source);
    const [wire] = await presentGroups(this.deps.store, [group], options);
    return wire ?? toWireGroup(group);
  }

  /**
   * GET /groups with Mattermost's filters. Callers without the system console group permission
   * see mentionable groups only.
   * @throws AppError 400 feature_disabled / since, 501 team and channel filters while unavailable
   */
  async getGroups(ctx: RequestContext, query: GroupQuery): Promise<Group[] | { groups: Group[]; total_count: number }> {
    const { access, permissions } = this.deps;
    access.requireConfiguredFor(query.source);
    // With custom groups switched off, only synced groups are listed.
    const onlySyncable = query.onlySyncableSources || !this.deps.config.get().ServiceSettings.EnableCustomGroups;
    const options: GroupListOptions = {
      q: query.q,
      allowReferenceOnly: query.filterAllowReference || !permissions.has(ctx, P.sysconsoleReadUserManagementGroups),
      archived: query.filterArchived ? 'archived' : query.includeArchived || query.since > 0 ? 'all' : 'active',
      since: query.since,
      offset: query.page * query.perPage,
      limit: query.perPage,
      ...(query.source ? { source: query.source } : onlySyncable ? { syncableSources: { names: SYNCABLE_GROUP_SOURCES, prefixes: SYNCABLE_GROUP_SOURCE_PREFIXES } } : {}),
      ...(query.filterHasMember ? { hasMember: query.filterHasMember } : {}),
    };
    await this.checkTeamChannelFilters(ctx, query);
    let groups: Group[] = [];
    if (!query.filterHasMember || (await this.canSee(ctx, query.filterHasMember))) {
      const records = await this.deps.store.groups.list(options);
      groups = await presentGroups(this.deps.store, records, { includeMemberCount: query.includeMemberCount, includeMemberIds: query.includeMemberIds });
      if (query.includeChannelMemberCount) await this.addChannelMemberCounts(groups, query.includeChannelMemberCount);
    }
    if (!query.includeTotalCount) return groups;
    return { groups, total_count: await this.deps.store.groups.countLive() };
  }

  /**
   * GET /users/{id}/groups: one's own groups, or anyone's with manage_system.
   * @throws AppError 403 manage_system
   */
  async getGroupsByUserId(ctx: RequestContext, userId: string): Promise<Group[]> {
    if (callerId(ctx) !== userId) this.deps.permissions.require(ctx, P.manageSystem);
    const allowReferenceOnly = !this.deps.permissions.has(ctx, P.sysconsoleReadUserManagementGroups);
    const groups = await this.deps.store.groups.listForMember(userId, allowReferenceOnly);
    return groups.map((g) => toWireGroup(g));
  }

  /** POST /groups/names: the live, mentionable groups of these names, with member counts. */
  async getGroupsByNames(names: readonly string[]): Promise<Group[]> {
    const groups = await this.deps.store.groups.findReferenceableByNames([...new Set(names)]);
    return presentGroups(this.deps.store, groups, { includeMemberCount: true, includeMemberIds: false });
  }

  /** Team and channel filters need those areas; the scopes supply their checks. */
  private async checkTeamChannelFilters(ctx: RequestContext, query: GroupQuery): Promise<void> {
    if (!query.notAssociatedToTeam && !query.notAssociatedToChannel && !query.includeChannelMemberCount) return;
    const scopes = this.deps.access.requireScopes();
    // No group is linked to a team or channel without LDAP sync, so the "not associated" filters keep every group.
    if (query.notAssociatedToTeam) await scopes.checkTeamExists(query.notAssociatedToTeam);
    for (const channelId of [query.notAssociatedToChannel, query.includeChannelMemberCount]) {
      if (channelId) await scopes.requireChannelPermission(ctx, channelId, P.managePublicChannelMembers, P.managePrivateChannelMembers);
    }
  }

  private async addChannelMemberCounts(groups: Group[], channelId: string): Promise<void> {
    const counts = await this.deps.access.requireScopes().countChannelMembersByGroup(channelId, groups.map((g) => g.id));
    for (const group of groups) Object.assign(group, { channel_member_count: counts.get(group.id) ?? 0 });
  }

  private async canSee(ctx: RequestContext, userId: string): Promise<boolean> {
    try {
      await this.deps.userQueries.checkCanSee(ctx, userId);
      return true;
    } catch {
      return false;
    }
  }
}
