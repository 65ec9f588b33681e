import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { GROUP_SOURCE_CUSTOM, type GroupRecord } from '../../model/group.js';
import { ROLE_NAMES } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';

/**
 * Group membership checks against teams and channels; the teams and channels area provides them.
 * Without them, group listings scoped to a team or channel answer 501 instead of ignoring the scope.
 */
export interface GroupTeamChannelScopes {
  /** @throws AppError (Mattermost's team lookup error) when the team does not exist. */
  checkTeamExists(teamId: string): Promise<void>;
  /** @throws AppError unless the caller holds `permission` in the team. */
  requireTeamPermission(ctx: RequestContext, teamId: string, permission: string): Promise<void>;
  /**
   * @throws AppError unless the caller holds, in the channel, `publicPermission` for a public
   * channel or `privatePermission` for a private one (and the channel's lookup error when missing).
   */
  requireChannelPermission(ctx: RequestContext, channelId: string, publicPermission: string, privatePermission: string): Promise<void>;
  /** How many members of the channel each of the groups has. */
  countChannelMembersByGroup(channelId: string, groupIds: readonly string[]): Promise<Map<string, number>>;
}

/** Checks both group services share: lookup, feature switch, and group-scoped permissions. */
export class GroupAccess {
  scopes: GroupTeamChannelScopes | undefined;

  constructor(private readonly deps: { store: Store; config: LiveConfig; permissions: Permissions }) {}

  /** @throws AppError 404 app.group.no_rows */
  async findGroup(groupId: string): Promise<GroupRecord> {
    const group = await this.deps.store.groups.findById(groupId);
    if (!group) throw AppError.notFound('app.group.no_rows', `group_id=${groupId}`);
    return group;
  }

  /** Custom groups answer 400 while `ServiceSettings.EnableCustomGroups` is off (no licence needed). */
  requireConfiguredFor(source: string): void {
    if (source === GROUP_SOURCE_CUSTOM && !this.deps.config.get().ServiceSettings.EnableCustomGroups) {
      throw AppError.badRequest('api.custom_groups.feature_disabled');
    }
  }

  /**
   * Mattermost's SessionHasPermissionToGroup: members hold the custom_group_user role in their
   * group (it grants nothing by default); everyone else needs the permission system-wide.
   */
  async hasGroupPermission(ctx: RequestContext, groupId: string, permission: string): Promise<boolean> {
    if (this.deps.permissions.has(ctx, permission)) return true;
    const userId = callerId(ctx);
    if (!userId || !this.deps.permissions.rolesGrant([ROLE_NAMES.customGroupUser], permission)) return false;
    return this.deps.store.groupMembers.isMember(groupId, userId);
  }

  /** @throws AppError 403 api.context.permissions.app_error */
  async requireGroupPermission(ctx: RequestContext, groupId: string, permission: string): Promise<void> {
    if (!(await this.hasGroupPermission(ctx, groupId, permission))) throw AppError.forbidden(permission);
  }

  /** @throws AppError 501 while teams and channels are not available */
  requireScopes(): GroupTeamChannelScopes {
    if (!this.scopes) throw AppError.notImplemented('api.groups.team_channel_scopes.not_available.app_error', 'teams and channels are not available yet');
    return this.scopes;
  }

  /** Active, existing accounts among `userIds`; the first missing one is reported. */
  async requireActiveUsers(userIds: readonly string[]): Promise<void> {
    const found = new Set((await this.deps.store.users.findByIds(userIds)).filter((u) => u.delete_at === 0).map((u) => u.id));
    const missing = userIds.find((id) => !found.has(id));
    if (missing !== undefined) throw AppError.notFound('app.user.missing_account.const', `user_id=${missing}`);
  }
}
