import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { GROUP_SOURCE_CUSTOM, GROUP_SOURCE_LDAP, type GroupMember, type GroupMemberList, type GroupRecord, type GroupStats } from '../../model/group.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { UserService } from '../users/user.service.js';
import type { GroupAccess } from './group-access.js';

/**
 * Members of custom groups: adding and removing them (manage_custom_group_members, held in the
 * group too when custom_group_user grants it), listing them, and resolving @group mentions.
 */
export class GroupMemberService {
  constructor(
    private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; permissions: Permissions; access: GroupAccess; users: UserService },
  ) {
    deps.users.addLifecycleHooks({ userErased: (tx, userId) => tx.groupMembers.deleteForUser(userId) });
  }

  /**
   * POST /groups/{id}/members: adds users (again, when they had left).
   * @throws AppError 404 app.group.no_rows / app.user.missing_account.const, 400 app.group.crud_permission / invalid user_id, 403
   */
  async addGroupMembers(ctx: RequestContext, groupId: string, userIds: readonly string[]): Promise<GroupMember[]> {
    await this.requireMemberManagement(ctx, groupId);
    const malformed = userIds.findIndex((id) => !isValidId(id));
    if (malformed >= 0) throw AppError.invalidParam('user_id', `UserID ${userIds[malformed] ?? ''} is invalid`);
    const ids = [...new Set(userIds)];
    await this.deps.access.requireActiveUsers(ids);
    return this.deps.uow.run(async (tx, emit) => {
      const members = await tx.groupMembers.upsert(groupId, ids, this.deps.clock.now());
      if (members.length) emit(event('group.members_added', { groupId, members }));
      return members;
    });
  }

  /**
   * DELETE /groups/{id}/members: every user must be a current member.
   * @throws AppError 404 app.group.no_rows, 400 app.group.crud_permission, 403
   */
  async deleteGroupMembers(ctx: RequestContext, groupId: string, userIds: readonly string[]): Promise<GroupMember[]> {
    await this.requireMemberManagement(ctx, groupId);
    const ids = [...new Set(userIds)];
    const current = await this.deps.store.groupMembers.findCurrent(groupId, ids);
    if (current.length !== ids.length) throw AppError.notFound('app.group.no_rows', `group_id=${groupId}`);
    const now = this.deps.clock.now();
    const members = current.map((m) => ({ ...m, delete_at: now }));
    await this.deps.uow.run(async (tx, emit) => {
      await tx.groupMembers.remove(groupId, ids, now);
      if (members.length) emit(event('group.members_removed', { groupId, members }));
    });
    return members;
  }

  /**
   * GET /groups/{id}/members: a page of active members by username, and their number.
   * @throws AppError 404, 400 feature_disabled, 403 for synced groups that may not be mentioned
   */
  async getGroupMembers(ctx: RequestContext, groupId: string, page: number, perPage: number): Promise<GroupMemberList> {
    const group = await this.deps.access.findGroup(groupId);
    this.deps.access.requireConfiguredFor(group.source);
    // Listing who is in a synced group that may not be mentioned would leak the directory.
    if (group.source === GROUP_SOURCE_LDAP && !group.allow_reference) this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementGroups);
    const users = await this.deps.store.groupMembers.listUsers(groupId, page * perPage, perPage);
    return { members: users.map((u) => this.deps.users.present(ctx, u)), total_member_count: await this.countMembers(groupId) };
  }

  /**
   * GET /groups/{id}/stats (an unknown group counts zero members, as in Mattermost).
   * @throws AppError 403 sysconsole_read_user_management_groups
   */
  async getGroupStats(ctx: RequestContext, groupId: string): Promise<GroupStats> {
    this.deps.permissions.require(ctx, P.sysconsoleReadUserManagementGroups);
    return { group_id: groupId, total_member_count: await this.countMembers(groupId) };
  }

  /**
   * For @group mentions (the posts area): the ids of the active members of each live,
   * mentionable group named, keyed by group name. Unknown names are left out.
   */
  async groupMemberIdsByName(names: readonly string[]): Promise<Map<string, string[]>> {
    const groups = await this.deps.store.groups.findReferenceableByNames([...new Set(names)]);
    const members = await this.deps.store.groupMembers.listUserIdsByGroup(groups.map((g) => g.id));
    return new Map(groups.map((g) => [g.name ?? '', members.get(g.id) ?? []]));
  }

  private async countMembers(groupId: string): Promise<number> {
    return (await this.deps.store.groupMembers.countByGroup([groupId])).get(groupId) ?? 0;
  }

  private async requireMemberManagement(ctx: RequestContext, groupId: string): Promise<GroupRecord> {
    const group = await this.deps.access.findGroup(groupId);
    if (group.source !== GROUP_SOURCE_CUSTOM) throw AppError.badRequest('app.group.crud_permission');
    this.deps.access.requireConfiguredFor(GROUP_SOURCE_CUSTOM);
    await this.deps.access.requireGroupPermission(ctx, groupId, P.manageCustomGroupMembers);
    return group;
  }
}
