import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import {
  GROUP_SOURCE_CUSTOM,
  RESERVED_GROUP_NAMES,
  type Group,
  type GroupPatch,
  type GroupRecord,
} from '../../model/group.js';
import { newId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { GroupAccess } from './group-access.js';
import { toWireGroup, validateGroup } from './group-rules.js';
import { presentWithCount } from './group-view.js';

export interface CreateGroupInput {
  name?: string | null | undefined;
  display_name?: string | undefined;
  description?: string | undefined;
  source?: string | undefined;
  remote_id?: string | null | undefined;
  allow_reference?: boolean | undefined;
  user_ids?: string[] | undefined;
}

export interface GroupServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  access: GroupAccess;
}

/**
 * Custom user groups are created, edited, archived and restored here, with Mattermost's
 * create_custom_group / edit_custom_group / delete_custom_group / restore_custom_group rules and no
 * licence needed.
 */
export class GroupService {
  constructor(private readonly deps: GroupServiceDeps) {}

  /**
   * POST /groups: a custom group, mentionable, with its first members.
   * @throws AppError 400 app.group.crud_permission / api.custom_groups.* / model.group.* / app.group.username_conflict / app.custom_group.unique_name, 403, 404 unknown user
   */
  async createGroup(ctx: RequestContext, input: CreateGroupInput): Promise<Group> {
    const { access } = this.deps;
    if (input.source !== GROUP_SOURCE_CUSTOM) throw AppError.badRequest('app.group.crud_permission');
    access.requireConfiguredFor(GROUP_SOURCE_CUSTOM);
    this.deps.permissions.require(ctx, P.createCustomGroup);
    if (!input.allow_reference) throw AppError.badRequest('api.custom_groups.must_be_referenceable');
    if (input.remote_id) throw AppError.badRequest('api.custom_groups.no_remote_id');
    const now = this.deps.clock.now();
    const group: GroupRecord = {
      id: newId(),
      name: input.name ?? null,
      display_name: input.display_name ?? '',
      description: input.description ?? '',
      source: GROUP_SOURCE_CUSTOM,
      remote_id: null,
      create_at: now,
      update_at: now,
      delete_at: 0,
      allow_reference: true,
    };
    await this.requireNameFreeOfUsers(group.name);
    validateGroup(group);
    const userIds = [...new Set(input.user_ids ?? [])];
    await access.requireActiveUsers(userIds);
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.groups.insert(group);
        const members = await tx.groupMembers.upsert(group.id, userIds, now);
        emit(event('group.created', { group: toWireGroup(group, { memberCount: userIds.length }) }));
        if (members.length) emit(event('group.members_added', { groupId: group.id, members }));
      });
    } catch (error) {
      if (isConflict(error)) throw AppError.badRequest('app.custom_group.unique_name');
      throw error;
    }
    return toWireGroup(group, { memberCount: userIds.length });
  }

  /**
   * PUT /groups/{id}/patch. Making a group mentionable without a name names it after its display
   * name; a given name may not be reserved, a username, or another mentionable group's.
   * @throws AppError 404, 400, 403 edit_custom_group (sysconsole_write_user_management_groups for synced groups)
   */
  async patchGroup(ctx: RequestContext, groupId: string, patch: GroupPatch): Promise<Group> {
    const { access } = this.deps;
    const group = await access.findGroup(groupId);
    access.requireConfiguredFor(group.source);
    const custom = group.source === GROUP_SOURCE_CUSTOM;
    await access.requireGroupPermission(ctx, groupId, custom ? P.editCustomGroup : P.sysconsoleWriteUserManagementGroups);
    if (custom && patch.allow_reference === false) throw AppError.badRequest('api.custom_groups.must_be_referenceable');
    let name = patch.name;
    if (patch.allow_reference === true) {
      if (name === undefined) name = group.display_name.toLowerCase().replaceAll(' ', '-');
      else await this.requireMentionNameFree(name, group.id);
    }
    const next: GroupRecord = {
      ...group,
      name: name ?? group.name,
      display_name: patch.display_name ?? group.display_name,
      description: patch.description ?? group.description,
      allow_reference: patch.allow_reference ?? group.allow_reference,
      update_at: this.deps.clock.now(),
    };
    await this.requireNameFreeOfUsers(next.name);
    validateGroup(next);
    const wire = await presentWithCount(this.deps.store, next);
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.groups.update(next);
        emit(event('group.updated', { group: wire }));
      });
    } catch (error) {
      if (isConflict(error)) throw AppError.badRequest('app.custom_group.unique_name');
      throw error;
    }
    return wire;
  }

  /**
   * DELETE /groups/{id}: archives a custom group (its members stay).
   * @throws AppError 404 (also when archived already), 400 app.group.crud_permission, 403 delete_custom_group
   */
  async deleteGroup(ctx: RequestContext, groupId: string): Promise<Group> {
    return this.setArchived(ctx, groupId, true);
  }

  /**
   * POST /groups/{id}/restore.
   * @throws AppError 404 (also when not archived), 501 app.group.crud_permission for synced groups, 403 restore_custom_group
   */
  async restoreGroup(ctx: RequestContext, groupId: string): Promise<Group> {
    return this.setArchived(ctx, groupId, false);
  }

  private async setArchived(ctx: RequestContext, groupId: string, archived: boolean): Promise<Group> {
    const { access } = this.deps;
    const group = await access.findGroup(groupId);
    // Mattermost answers a synced group's restore with 501 and its deletion with 400.
    if (group.source !== GROUP_SOURCE_CUSTOM) throw new AppError('app.group.crud_permission', archived ? 400 : 501);
    access.requireConfiguredFor(GROUP_SOURCE_CUSTOM);
    await access.requireGroupPermission(ctx, groupId, archived ? P.deleteCustomGroup : P.restoreCustomGroup);
    if ((group.delete_at !== 0) === archived) throw AppError.notFound('app.group.no_rows', `group_id=${groupId}`);
    const now = this.deps.clock.now();
    const next: GroupRecord = { ...group, delete_at: archived ? now : 0, update_at: now };
    const wire = await presentWithCount(this.deps.store, next);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.groups.update(next);
      emit(archived ? event('group.deleted', { group: wire }) : event('group.restored', { group: wire }));
    });
    return wire;
  }

  /** @throws AppError 400 app.group.username_conflict */
  private async requireNameFreeOfUsers(name: string | null): Promise<void> {
    if (name && (await this.deps.store.users.findByUsername(name))) {
      throw AppError.badRequest('app.group.username_conflict', `name=${name}`, { Username: name });
    }
  }

  /** The checks Mattermost makes before naming a group that is being made mentionable. */
  private async requireMentionNameFree(name: string, groupId: string): Promise<void> {
    if (RESERVED_GROUP_NAMES.has(name)) throw AppError.badRequest('api.ldap_groups.existing_reserved_name_error');
    if (await this.deps.store.users.findByUsername(name)) throw AppError.badRequest('api.ldap_groups.existing_user_name_error');
    const holder = await this.deps.store.groups.findByName(name, true);
    // A group may keep its own name.
    if (holder && holder.id !== groupId) throw AppError.badRequest('api.ldap_groups.existing_group_name_error');
  }
}
