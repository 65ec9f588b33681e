import { AppError } from '../../model/app-error.js';
import { GROUP_SOURCE_LDAP } from '../../model/group.js';
import { P } from '../../model/permissions.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { GroupAccess } from './group-access.js';

export type SyncableType = 'teams' | 'channels';

/** Groups linked to a team or channel, as Mattermost lists them. */
export interface GroupsBySyncable {
  groups: never[];
  total_group_count: number;
}

/**
 * Links between groups and teams or channels ("syncables"). Only LDAP-synced groups can be
 * linked, and Parley syncs no directory, so no link ever exists: lookups answer as Mattermost does
 * for a group without links, and linking a custom group is refused with Mattermost's error.
 */
export class GroupSyncableService {
  constructor(private readonly deps: { permissions: Permissions; access: GroupAccess }) {}

  /**
   * GET /groups/{id}/teams and /channels.
   * @throws AppError 403 sysconsole_read_user_management_groups
   */
  getGroupSyncables(ctx: RequestContext): never[] {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementGroups);
    return [];
  }

  /**
   * GET /groups/{id}/teams/{team_id} and /channels/{channel_id}.
   * @throws AppError 403 manage_system, 404 app.group.no_rows
   */
  getGroupSyncable(ctx: RequestContext, groupId: string, syncableId: string): never {
    this.deps.permissions.require(ctx, P.manageSystem);
    throw AppError.notFound('app.group.no_rows', `group_id=${groupId} syncable_id=${syncableId}`);
  }

  /**
   * Link, unlink and patch of a link: Mattermost's verifyLinkUnlinkPermission, which refuses every
   * group that is not LDAP-synced.
   * @throws AppError 404 app.group.no_rows, 400 app.group.crud_permission, 501 for LDAP groups
   */
  async changeGroupSyncable(groupId: string): Promise<never> {
    const group = await this.deps.access.findGroup(groupId);
    if (group.source !== GROUP_SOURCE_LDAP) throw AppError.badRequest('app.group.crud_permission');
    throw AppError.notImplemented('api.ldap_groups.not_available.app_error', 'no directory sync on this server');
  }

  /**
   * GET /ldap/groups and POST/DELETE /ldap/groups/{remote_id}/link: Parley syncs no directory.
   * @throws AppError 403 without the system console group permission, else 501 api.ldap_groups.not_available.app_error
   */
  ldapGroupsNotAvailable(ctx: RequestContext, write: boolean): never {
    this.deps.permissions.require(ctx, write ? P.sysconsoleWriteUserManagementGroups : P.sysconsoleReadUserManagementGroups);
    throw AppError.notImplemented('api.ldap_groups.not_available.app_error', 'no directory sync on this server');
  }

  /**
   * GET /teams/{id}/groups and /channels/{id}/groups: none are linked.
   * @throws AppError 501 until teams and channels exist, then their permission errors
   */
  async getGroupsBySyncable(ctx: RequestContext, type: SyncableType, syncableId: string): Promise<GroupsBySyncable> {
    const scopes = this.deps.access.requireScopes();
    if (type === 'teams') await scopes.requireTeamPermission(ctx, syncableId, P.listTeamChannels);
    else await scopes.requireChannelPermission(ctx, syncableId, P.readPublicChannelGroups, P.readPrivateChannelGroups);
    return { groups: [], total_group_count: 0 };
  }

  /**
   * GET /teams/{id}/groups_by_channels: groups linked to the team's channels, by channel (none).
   * @throws AppError 501 until teams exist, then 403 list_team_channels
   */
  async getGroupsAssociatedToChannelsByTeam(ctx: RequestContext, teamId: string): Promise<{ groups: Record<string, never[]> }> {
    await this.deps.access.requireScopes().requireTeamPermission(ctx, teamId, P.listTeamChannels);
    return { groups: {} };
  }
}
