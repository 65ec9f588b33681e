import { BUILT_IN_CHANNEL_ROLES, channelRolesOf, roleForKind } from '../../authz/scheme-roles.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { CHANNEL_OPEN, CHANNEL_PRIVATE, DEFAULT_CHANNEL_NAME, type ChannelMember, type ChannelRecord } from '../../model/channel.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { UserRecord } from '../../model/user.js';
import type { ChannelMemberWithSchemes } from '../../store/channel-member.store.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Emit, UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';
import { requireTeamRecord, requireUserRecord } from '../teams/team-lookups.js';
import type { TeamMemberService } from '../teams/team-member.service.js';
import { isGuestUser } from '../teams/team-rules.js';
import { isValidUserRoles } from '../users/user.service.js';
import type { ChannelAccess } from './channel-access.js';
import { requireChannelMember, requireChannelRecord } from './channel-lookups.js';
import { newChannelMember, type ChannelMemberCore } from './channel-members-core.js';
import { CHANNEL_NOTIFY_PROP_KEYS, validateNotifyProps } from './channel-rules.js';

/** How many users one POST /channels/{id}/members may add (Mattermost's limit for user_ids). */
export const MAX_CHANNEL_MEMBERS_BATCH = 1000;

export interface ChannelMemberServiceDeps {
  store: Store;
  uow: UnitOfWork;
  clock: Clock;
  permissions: Permissions;
  roles: RoleCatalog;
  access: ChannelAccess;
  members: ChannelMemberCore;
  teamMembers: TeamMemberService;
}

/** Joining, leaving, listing, the roles and the notify props of channel memberships. */
export class ChannelMemberService {
  constructor(private readonly deps: ChannelMemberServiceDeps) {}

  /**
   * GET /channels/{id}/members.
   * @throws AppError 403 (read_channel)
   */
  async getChannelMembers(ctx: RequestContext, channelId: string, page: { page: number; perPage: number }): Promise<ChannelMember[]> {
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    const members = await this.deps.store.channelMembers.listForChannel(channelId, { offset: page.page * page.perPage, limit: page.perPage });
    return members.map((m) => this.deps.members.present(m));
  }

  /**
   * POST /channels/{id}/members/ids.
   * @throws AppError 400 user_ids, 403 (read_channel)
   */
  async getChannelMembersByIds(ctx: RequestContext, channelId: string, userIds: unknown): Promise<ChannelMember[]> {
    if (!Array.isArray(userIds) || userIds.length === 0 || !userIds.every((id) => typeof id === 'string')) throw AppError.invalidParam('user_ids');
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    const members = await this.deps.store.channelMembers.listByUserIds(channelId, userIds);
    return members.map((m) => this.deps.members.present(m));
  }

  /**
   * GET /channels/{id}/members/{user_id}.
   * @throws AppError 403 (read_channel), 404 app.channel.get_member.missing.app_error
   */
  async getChannelMember(ctx: RequestContext, channelId: string, userId: string): Promise<ChannelMember> {
    await this.deps.access.requireById(ctx, channelId, P.readChannel);
    return this.deps.members.present(await requireChannelMember(this.deps.store, channelId, userId));
  }

  /**
   * GET /users/{id}/teams/{team_id}/channels/members: the user's memberships of the team's
   * channels and of their direct and group messages.
   * @throws AppError 403 (view_team, manage_system)
   */
  async getChannelMembersForTeamForUser(ctx: RequestContext, userId: string, teamId: string): Promise<ChannelMember[]> {
    const p = this.deps.permissions;
    await p.requireTeam(ctx, teamId, P.viewTeam);
    if (callerId(ctx) !== userId) await p.requireTeam(ctx, teamId, P.manageSystem);
    const members = await this.deps.store.channelMembers.listForUser(userId, { teamId });
    return members.map((m) => this.deps.members.present(m));
  }

  /**
   * POST /channels/{id}/members with `user_id` (or `user_ids`). Joining a public channel needs
   * join_public_channels in the team; adding others (or joining a private channel) needs
   * manage_*_channel_members in the channel. A member already there is answered as is.
   * @throws AppError 400 user_id / post_root_id / type / deleted / user_denied, 403, 404
   */
  async addChannelMember(ctx: RequestContext, channelId: string, body: Record<string, unknown>): Promise<ChannelMember | ChannelMember[]> {
    const many = Array.isArray(body['user_ids']) && body['user_id'] === undefined;
    const userIds = many ? (body['user_ids'] as unknown[]) : [body['user_id']];
    if (userIds.length === 0 || userIds.length > MAX_CHANNEL_MEMBERS_BATCH || !userIds.every(isValidId)) throw AppError.invalidParam('user_id');
    const postRootId = body['post_root_id'];
    if (postRootId !== undefined && postRootId !== '' && !isValidId(postRootId)) throw AppError.invalidParam('post_root_id');
    const channel = await requireChannelRecord(this.deps.store, channelId);
    if (channel.type !== CHANNEL_OPEN && channel.type !== CHANNEL_PRIVATE) throw AppError.badRequest('api.channel.add_user_to_channel.type.app_error');
    const added: ChannelMember[] = [];
    for (const userId of userIds) {
      await this.checkCanAdd(ctx, channel, userId);
      added.push(await this.addUserToChannel(channel, userId, callerId(ctx), typeof postRootId === 'string' ? postRootId : ''));
    }
    return many ? added : (added[0] as ChannelMember);
  }

  /**
   * DELETE /channels/{id}/members/{user_id}: leaving needs no permission; removing someone else
   * needs manage_*_channel_members.
   * @throws AppError 404, 400 type / default channel / group constrained, 403
   */
  async removeChannelMember(ctx: RequestContext, channelId: string, userId: string): Promise<void> {
    const channel = await requireChannelRecord(this.deps.store, channelId);
    const user = await requireUserRecord(this.deps.store, userId);
    if (channel.type !== CHANNEL_OPEN && channel.type !== CHANNEL_PRIVATE) throw AppError.badRequest('api.channel.remove_channel_member.type.app_error');
    const me = callerId(ctx);
    if (channel.group_constrained && userId !== me && !user.is_bot) throw AppError.badRequest('api.channel.remove_member.group_constrained.app_error');
    if (userId !== me) await this.deps.access.require(ctx, channel, channel.type === CHANNEL_OPEN ? P.managePublicChannelMembers : P.managePrivateChannelMembers);
    await this.removeUserFromChannel(channel, user, me);
  }

  /**
   * PUT /channels/{id}/members/{user_id}/roles: scheme roles of the channel become flags, other
   * roles must not be scheme managed; the guest flag cannot change here.
   * @throws AppError 400 roles and the role errors, 403 (manage_channel_roles), 404
   */
  async updateChannelMemberRoles(ctx: RequestContext, channelId: string, userId: string, roles: unknown): Promise<void> {
    if (!isValidUserRoles(roles)) throw AppError.invalidParam('roles');
    const channel = await this.deps.access.requireById(ctx, channelId, P.manageChannelRoles);
    const member = await requireChannelMember(this.deps.store, channelId, userId);
    const chain = [channelRolesOf(this.deps.roles.scheme(member.channel_scheme_id)), channelRolesOf(this.deps.roles.scheme(member.team_scheme_id))];
    const schemeRole = (kind: 'guest' | 'user' | 'admin') => roleForKind(kind, chain, BUILT_IN_CHANNEL_ROLES);
    const next: ChannelMemberWithSchemes = { ...member, scheme_guest: false, scheme_user: false, scheme_admin: false };
    const explicit: string[] = [];
    for (const name of roles.split(/\s+/).filter(Boolean)) {
      const role = this.deps.roles.get(name);
      if (!role) throw AppError.badRequest('app.role.get_by_name.app_error', `role_name=${name}`);
      if (!role.scheme_managed) explicit.push(name);
      else if (name === schemeRole('admin')) next.scheme_admin = true;
      else if (name === schemeRole('user')) next.scheme_user = true;
      else if (name === schemeRole('guest')) next.scheme_guest = true;
      else throw AppError.badRequest('api.channel.update_channel_member_roles.scheme_role.app_error', `role_name=${name}`);
    }
    if (next.scheme_user && next.scheme_guest) throw AppError.badRequest('api.channel.update_channel_member_roles.guest_and_user.app_error');
    if (next.scheme_guest !== member.scheme_guest) throw AppError.badRequest('api.channel.update_channel_member_roles.changing_guest_role.app_error');
    if (!next.scheme_guest && !next.scheme_user) throw AppError.badRequest('api.channel.update_channel_member_roles.unset_user_scheme.app_error');
    next.explicit_roles = explicit.join(' ');
    await this.saveRoles(channel, next);
  }

  /**
   * PUT /channels/{id}/members/{user_id}/schemeRoles.
   * @throws AppError 400 guest / user_and_guest / unset_user_scheme, 403 (manage_channel_roles), 404
   */
  async updateChannelMemberSchemeRoles(
    ctx: RequestContext,
    channelId: string,
    userId: string,
    flags: { scheme_admin: boolean; scheme_user: boolean; scheme_guest: boolean },
  ): Promise<void> {
    const channel = await this.deps.access.requireById(ctx, channelId, P.manageChannelRoles);
    const member = await requireChannelMember(this.deps.store, channelId, userId);
    if (member.scheme_guest) throw AppError.badRequest('api.channel.update_channel_member_roles.guest.app_error');
    if (flags.scheme_guest) throw AppError.badRequest('api.channel.update_channel_member_roles.user_and_guest.app_error');
    if (!flags.scheme_user) throw AppError.badRequest('api.channel.update_channel_member_roles.unset_user_scheme.app_error');
    await this.saveRoles(channel, { ...member, scheme_admin: flags.scheme_admin, scheme_user: true, scheme_guest: false });
  }

  /**
   * PUT /channels/{id}/members/{user_id}/notify_props: the known props given change, the others stay.
   * @throws AppError 400 notify_props / model.channel_member.is_valid.*, 403 (edit_other_users), 404
   */
  async updateChannelMemberNotifyProps(ctx: RequestContext, channelId: string, userId: string, body: unknown): Promise<void> {
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.values(body).every((v) => typeof v === 'string')) {
      throw AppError.invalidParam('notify_props');
    }
    this.deps.permissions.requireActOnUser(ctx, userId);
    const member = await requireChannelMember(this.deps.store, channelId, userId);
    const props = { ...member.notify_props };
    for (const [key, value] of Object.entries(body as Record<string, string>)) {
      if (CHANNEL_NOTIFY_PROP_KEYS.includes(key)) props[key] = value;
    }
    validateNotifyProps(props);
    const now = this.deps.clock.now();
    const updated = { ...member, notify_props: props, last_update_at: now };
    const channel = await requireChannelRecord(this.deps.store, channelId);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.channelMembers.updateNotifyProps(channelId, userId, props, now);
      emit(event('channel_member.notify_props_changed', { member: this.deps.members.present(updated), channel }));
    });
  }

  /**
   * Mattermost's AddChannelMember after the permission checks: a member already there is answered
   * as is; others must be active members of the channel's team.
   * @throws AppError 404 user / team member, 403 deleted_user, 400 deleted membership, archived channel, group constrained
   */
  async addUserToChannel(channel: ChannelRecord, userId: string, actorId: string, postRootId = ''): Promise<ChannelMember> {
    const store = this.deps.store;
    const existing = await store.channelMembers.find(channel.id, userId);
    if (existing) return this.deps.members.present(existing);
    const user = await requireUserRecord(store, userId);
    if (user.delete_at > 0) throw new AppError('app.channel.add_member.deleted_user.app_error', 403);
    const teamMember = await store.teamMembers.find(channel.team_id, userId);
    if (!teamMember) throw AppError.notFound('app.team.get_member.missing.app_error', `team_id=${channel.team_id} user_id=${userId}`);
    if (teamMember.delete_at > 0) throw AppError.badRequest('api.channel.add_user.to.channel.failed.deleted.app_error');
    if (channel.delete_at > 0) throw AppError.badRequest('api.channel.add_user_to_channel.deleted.app_error');
    // Group-synced channels take members from their groups only; Parley has no groups, so nobody qualifies.
    if (channel.group_constrained) throw AppError.badRequest('api.channel.add_members.user_denied', '', { UserIDs: userId });
    const member = newChannelMember(channel.id, user, { admin: false, at: this.deps.clock.now() });
    try {
      return await this.deps.uow.run((tx, emit) => this.deps.members.insert(tx, emit, channel, member, { actorId, postRootId }));
    } catch (error) {
      // Another request added the user meanwhile: answer the membership it made.
      if (!isConflict(error)) throw error;
      return this.deps.members.present(await requireChannelMember(store, channel.id, userId));
    }
  }

  /**
   * Mattermost's removeUserFromChannel: nobody but guests leaves the default channel; a guest who
   * leaves their last channel of a team leaves the team too.
   * @throws AppError 400 api.channel.remove.default.app_error, 404 app.channel.get_member.missing.app_error
   */
  async removeUserFromChannel(channel: ChannelRecord, user: UserRecord, actorId: string): Promise<void> {
    const guest = isGuestUser(user);
    if (channel.name === DEFAULT_CHANNEL_NAME && !guest) throw AppError.badRequest('api.channel.remove.default.app_error', '', { Channel: DEFAULT_CHANNEL_NAME });
    await requireChannelMember(this.deps.store, channel.id, user.id);
    await this.deps.uow.run(async (tx, emit) => {
      await this.removeMembership(tx, emit, channel, user.id, actorId);
    });
    if (guest && channel.team_id && (await this.deps.store.channelMembers.channelIdsForUser(user.id, { teamId: channel.team_id })).length === 0) {
      const team = await requireTeamRecord(this.deps.store, channel.team_id);
      await this.deps.teamMembers.leaveTeam(team, user, actorId);
    }
  }

  /** Deletes the membership and the channel's place in the user's sidebar, with the event. */
  async removeMembership(tx: Store, emit: Emit, channel: ChannelRecord, userId: string, actorId: string): Promise<void> {
    if (!(await tx.channelMembers.delete(channel.id, userId))) return;
    await tx.sidebar.unplaceChannelEverywhere(channel.id, userId);
    emit(event('channel_member.removed', { channel, userId, actorId }));
  }

  /**
   * Who may add the user: joining a public channel needs join_public_channels in the team,
   * anything else manage_*_channel_members in the channel; a member already there needs nothing.
   * @throws AppError 403
   */
  private async checkCanAdd(ctx: RequestContext, channel: ChannelRecord, userId: string): Promise<void> {
    const self = userId === callerId(ctx);
    if (self && (await this.deps.store.channelMembers.find(channel.id, userId))) return;
    if (self && channel.type === CHANNEL_OPEN) {
      await this.deps.permissions.requireTeam(ctx, channel.team_id, P.joinPublicChannels);
      return;
    }
    await this.deps.access.require(ctx, channel, channel.type === CHANNEL_OPEN ? P.managePublicChannelMembers : P.managePrivateChannelMembers);
  }

  private async saveRoles(channel: ChannelRecord, member: ChannelMemberWithSchemes): Promise<void> {
    const now = this.deps.clock.now();
    const updated = { ...member, last_update_at: now };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.channelMembers.updateRoles(updated, now);
      emit(event('channel_member.updated', { member: this.deps.members.present(updated), channel }));
    });
  }
}
