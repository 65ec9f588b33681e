import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { TeamMember, TeamMemberRecord, TeamRecord } from '../../model/team.js';
import type { UserRecord } from '../../model/user.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import type { TeamMemberWithScheme } from '../../store/team-member.store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Emit, UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';
import type { UserQueryService } from '../users/user-query.service.js';
import { isValidUserRoles } from '../users/user.service.js';
import type { TeamHooks } from './team-hooks.js';
import { requireTeamRecord, requireUserRecord } from './team-lookups.js';
import { isGuestUser, isTeamEmailAllowed } from './team-rules.js';
import type { TeamScopes } from './team-scopes.js';
import { toWireMember } from './team-view.js';

/** Mattermost's MaxAddMembersBatch. */
export const MAX_ADD_MEMBERS_BATCH = 256;

export interface TeamMemberServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  roles: RoleCatalog;
  hooks: TeamHooks;
  userQueries: UserQueryService;
  scopes: TeamScopes;
}

/** One result of a graceful batch add: the member, or why the user could not be added. */
export interface MemberWithError {
  user_id: string;
  member: TeamMember | null;
  error: AppError | null;
}

/** Joining, leaving, listing and the roles of team memberships. */
export class TeamMemberService {
  constructor(private readonly deps: TeamMemberServiceDeps) {}

  /** The membership's JSON with its roles resolved through the team's scheme. */
  present(member: TeamMemberWithScheme): TeamMember {
    return toWireMember(member, this.deps.roles.scheme(member.team_scheme_id));
  }

  /**
   * Mattermost's JoinUserToTeam inside a transaction: a new or removed membership becomes live
   * (respecting MaxUsersPerTeam); a live one is returned as it is, without events.
   * @throws AppError 400 api.team.join_user_to_team.allowed_domains.app_error,
   *   app.team.join_user_to_team.max_accounts.app_error,
   *   app.team.join_user_to_team.save_member.max_accounts.app_error,
   *   app.team.join_user_to_team.save_member.conflict.app_error
   */
  async joinUserToTeam(tx: Store, emit: Emit, team: TeamRecord, user: UserRecord, actorId: string): Promise<TeamMember> {
    const config = this.deps.config.get();
    if (!isTeamEmailAllowed(user, team, config)) throw AppError.badRequest('api.team.join_user_to_team.allowed_domains.app_error');
    const guest = isGuestUser(user);
    const now = this.deps.clock.now();
    const member: TeamMemberRecord = {
      team_id: team.id,
      user_id: user.id,
      explicit_roles: '',
      delete_at: 0,
      scheme_guest: guest,
      scheme_user: !guest,
      // Whoever owns the team's contact address (its creator) joins as admin.
      scheme_admin: team.email !== '' && team.email === user.email,
      create_at: now,
    };
    const max = config.TeamSettings.MaxUsersPerTeam;
    const existing = await tx.teamMembers.find(team.id, user.id);
    if (existing && existing.delete_at === 0) return this.present(existing);
    if (existing) {
      if (!(await tx.teamMembers.rejoinIfRoom(member, max))) {
        throw AppError.badRequest('app.team.join_user_to_team.max_accounts.app_error', `teamId=${team.id}`);
      }
    } else {
      let inserted: boolean;
      try {
        inserted = await tx.teamMembers.insertIfRoom(member, max);
      } catch (error) {
        if (isConflict(error)) throw AppError.badRequest('app.team.join_user_to_team.save_member.conflict.app_error');
        throw error;
      }
      if (!inserted) throw AppError.badRequest('app.team.join_user_to_team.save_member.max_accounts.app_error', `teamId=${team.id}`);
    }
    await tx.users.touch(user.id, now);
    await this.deps.hooks.onMemberAdded(tx, { team, user, member, actorId }, emit);
    const wire = toWireMember(member, this.deps.roles.scheme(team.scheme_id));
    emit(event('team_member.added', { member: wire, team, actorId }));
    return wire;
  }

  /** Joins in a transaction of its own (team and user already loaded). */
  async join(team: TeamRecord, user: UserRecord, actorId: string): Promise<TeamMember> {
    return this.deps.uow.run((tx, emit) => this.joinUserToTeam(tx, emit, team, user, actorId));
  }

  /**
   * POST /teams/{id}/members: joining oneself needs join_public_teams (open invites) or
   * join_private_teams; adding someone else needs add_user_to_team in the team.
   * @throws AppError 400 team_id/user_id, 403, 404, and the join errors
   */
  async addTeamMember(ctx: RequestContext, teamId: string, body: { team_id?: unknown; user_id?: unknown }): Promise<TeamMember> {
    if (body.team_id !== teamId) throw AppError.invalidParam('team_id');
    const userId = body.user_id;
    if (!isValidId(userId)) throw AppError.invalidParam('user_id');
    const p = this.deps.permissions;
    if (userId === callerId(ctx)) {
      const team = await this.team(teamId);
      if (team.allow_open_invite) p.require(ctx, P.joinPublicTeams);
      else p.require(ctx, P.joinPrivateTeams);
    } else {
      await p.requireTeam(ctx, teamId, P.addUserToTeam);
    }
    const team = await this.team(teamId);
    if (team.group_constrained) throw this.groupDenied([userId]);
    return this.join(team, await this.user(userId), callerId(ctx));
  }

  /**
   * POST /teams/{id}/members/batch. Without `graceful` the first failure answers (earlier users
   * stay added, as in Mattermost); with it every user gets a result.
   * @throws AppError 400 members / team_id / user_id, 403 (add_user_to_team), 404
   */
  async addTeamMembers(ctx: RequestContext, teamId: string, body: unknown, graceful: boolean): Promise<TeamMember[] | MemberWithError[]> {
    if (!Array.isArray(body)) throw AppError.invalidParam('members');
    if (body.length > MAX_ADD_MEMBERS_BATCH) throw AppError.invalidParam('too many members in batch');
    if (body.length === 0) throw AppError.invalidParam('no members in batch');
    const members = (body as unknown[]).map((raw) => (typeof raw === 'object' && raw !== null ? raw : {}) as { team_id?: unknown; user_id?: unknown });
    const team = await this.team(teamId);
    if (team.group_constrained) throw this.groupDenied(members.map((m) => (typeof m.user_id === 'string' ? m.user_id : '')));
    const userIds: string[] = [];
    for (const member of members) {
      if (member.team_id !== teamId) throw AppError.invalidParam(`team_id for member with user_id=${typeof member.user_id === 'string' ? member.user_id : ''}`);
      if (!isValidId(member.user_id)) throw AppError.invalidParam('user_id');
      userIds.push(member.user_id);
    }
    await this.deps.permissions.requireTeam(ctx, teamId, P.addUserToTeam);
    const results: MemberWithError[] = [];
    for (const userId of userIds) {
      try {
        const user = await this.user(userId);
        results.push({ user_id: userId, member: await this.join(await this.team(teamId), user, callerId(ctx)), error: null });
      } catch (error) {
        if (!graceful || !(error instanceof AppError)) throw error;
        results.push({ user_id: userId, member: null, error });
      }
    }
    return graceful ? results : results.flatMap((r) => (r.member ? [r.member] : []));
  }

  /**
   * DELETE /teams/{id}/members/{user_id}: leaving needs no permission; removing someone else needs
   * remove_user_from_team. Removing again is harmless (the row stays, marked removed).
   * @throws AppError 403, 404, 400 api.team.remove_user_from_team.missing.app_error
   */
  async removeTeamMember(ctx: RequestContext, teamId: string, userId: string): Promise<void> {
    if (callerId(ctx) !== userId) await this.deps.permissions.requireTeam(ctx, teamId, P.removeUserFromTeam);
    const team = await this.team(teamId);
    const user = await this.user(userId);
    if (team.group_constrained && userId !== callerId(ctx) && !user.is_bot) {
      throw AppError.badRequest('api.team.remove_member.group_constrained.app_error');
    }
    await this.leaveTeam(team, user, callerId(ctx));
  }

  /** Mattermost's LeaveTeam: the team's channels are left (hooks) and the membership marked removed. */
  async leaveTeam(team: TeamRecord, user: UserRecord, actorId: string): Promise<void> {
    const member = await this.deps.store.teamMembers.find(team.id, user.id);
    if (!member) throw AppError.badRequest('api.team.remove_user_from_team.missing.app_error');
    const now = this.deps.clock.now();
    await this.deps.uow.run(async (tx, emit) => {
      await this.deps.hooks.onMemberRemoved(tx, { team, user, actorId }, emit);
      await tx.teamMembers.softDelete(team.id, user.id, now);
      await tx.users.touch(user.id, now);
      emit(event('team_member.removed', { member: this.present({ ...member, delete_at: now }), team, actorId }));
    });
  }

  /**
   * GET /teams/{id}/members/{user_id}: removed memberships are returned too, as Mattermost does.
   * @throws AppError 403 (view_team, view_members), 404 app.team.get_member.missing.app_error
   */
  async getTeamMember(ctx: RequestContext, teamId: string, userId: string): Promise<TeamMember> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    await this.deps.userQueries.checkCanSee(ctx, userId);
    return this.present(await this.memberRow(teamId, userId));
  }

  /**
   * GET /teams/{id}/members: live members by user id (or username), limited to whom the caller may see.
   * @throws AppError 403 (view_team)
   */
  async getTeamMembers(
    ctx: RequestContext,
    teamId: string,
    options: { page: number; perPage: number; sort: string; excludeDeletedUsers: boolean },
  ): Promise<TeamMember[]> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    const members = await this.deps.store.teamMembers.listForTeam(teamId, {
      offset: options.page * options.perPage,
      limit: options.perPage,
      sortByUsername: options.sort === 'Username',
      excludeDeletedUsers: options.excludeDeletedUsers,
      visibility: await this.deps.scopes.viewRestrictions(ctx),
    });
    return members.map((m) => this.present(m));
  }

  /**
   * POST /teams/{id}/members/ids.
   * @throws AppError 400 user_ids, 403 (view_team)
   */
  async getTeamMembersByIds(ctx: RequestContext, teamId: string, userIds: unknown): Promise<TeamMember[]> {
    if (!Array.isArray(userIds) || userIds.length === 0 || !userIds.every((id) => typeof id === 'string')) throw AppError.invalidParam('user_ids');
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    const members = await this.deps.store.teamMembers.listByUserIds(teamId, userIds, await this.deps.scopes.viewRestrictions(ctx));
    return members.map((m) => this.present(m));
  }

  /**
   * GET /users/{id}/teams/members: every membership of the user, removed ones included.
   * @throws AppError 403 (read_other_users_teams, view_members)
   */
  async getTeamMembersForUser(ctx: RequestContext, userId: string): Promise<TeamMember[]> {
    const p = this.deps.permissions;
    if (!p.canActOnUser(ctx, userId) && !p.has(ctx, P.readOtherUsersTeams)) throw AppError.forbidden(P.readOtherUsersTeams);
    await this.deps.userQueries.checkCanSee(ctx, userId);
    const members = await this.deps.store.teamMembers.listForUser(userId, { includeDeleted: true });
    return members.map((m) => this.present(m));
  }

  /**
   * PUT /teams/{id}/members/{user_id}/roles: scheme roles of the team become flags, other roles
   * must not be scheme managed; the guest flag cannot change here.
   * @throws AppError 400 team_member_roles and the role errors, 403 (manage_team_roles), 404
   */
  async updateTeamMemberRoles(ctx: RequestContext, teamId: string, userId: string, roles: unknown): Promise<TeamMember> {
    if (!isValidUserRoles(roles)) throw AppError.invalidParam('team_member_roles');
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeamRoles);
    const member = await this.memberRow(teamId, userId);
    const scheme = this.deps.roles.scheme(member.team_scheme_id);
    const schemeRoles = {
      guest: scheme?.default_team_guest_role || 'team_guest',
      user: scheme?.default_team_user_role || 'team_user',
      admin: scheme?.default_team_admin_role || 'team_admin',
    };
    const next: TeamMemberWithScheme = { ...member, scheme_guest: false, scheme_user: false, scheme_admin: false };
    const explicit: string[] = [];
    for (const name of roles.split(/\s+/).filter(Boolean)) {
      const role = this.deps.roles.get(name);
      if (!role) throw AppError.badRequest('app.role.get_by_name.app_error', `role_name=${name}`);
      if (!role.scheme_managed) explicit.push(name);
      else if (name === schemeRoles.admin) next.scheme_admin = true;
      else if (name === schemeRoles.user) next.scheme_user = true;
      else if (name === schemeRoles.guest) next.scheme_guest = true;
      else throw AppError.badRequest('api.channel.update_team_member_roles.scheme_role.app_error', `role_name=${name}`);
    }
    if (next.scheme_guest && next.scheme_user) throw AppError.badRequest('api.team.update_team_member_roles.guest_and_user.app_error');
    if (next.scheme_guest !== member.scheme_guest) throw AppError.badRequest('api.channel.update_team_member_roles.changing_guest_role.app_error');
    next.explicit_roles = explicit.join(' ');
    return this.saveRoles(next);
  }

  /**
   * PUT /teams/{id}/members/{user_id}/schemeRoles.
   * @throws AppError 400 scheme_roles / guest_and_user, 403 (manage_team_roles), 404
   */
  async updateTeamMemberSchemeRoles(
    ctx: RequestContext,
    teamId: string,
    userId: string,
    flags: { scheme_admin: boolean; scheme_user: boolean; scheme_guest: boolean },
  ): Promise<TeamMember> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.manageTeamRoles);
    const member = await this.memberRow(teamId, userId);
    if (flags.scheme_user && flags.scheme_guest) throw AppError.badRequest('api.team.update_team_member_roles.guest_and_user.app_error');
    return this.saveRoles({ ...member, ...flags });
  }

  private async saveRoles(member: TeamMemberWithScheme): Promise<TeamMember> {
    const wire = this.present(member);
    await this.deps.uow.run(async (tx, emit) => {
      await tx.teamMembers.update(member);
      emit(event('team_member.roles_changed', { member: wire }));
    });
    return wire;
  }

  /** @throws AppError 404 app.team.get_member.missing.app_error */
  private async memberRow(teamId: string, userId: string): Promise<TeamMemberWithScheme> {
    const member = await this.deps.store.teamMembers.find(teamId, userId);
    if (!member) throw AppError.notFound('app.team.get_member.missing.app_error', `team_id=${teamId} user_id=${userId}`);
    return member;
  }

  private team(teamId: string): Promise<TeamRecord> {
    return requireTeamRecord(this.deps.store, teamId);
  }

  private user(userId: string): Promise<UserRecord> {
    return requireUserRecord(this.deps.store, userId);
  }

  // Group-synced teams take members from their groups only; Parley has no groups, so nobody qualifies.
  private groupDenied(userIds: string[]): AppError {
    return AppError.badRequest('api.team.add_members.user_denied', '', { UserIDs: userIds.join(', ') });
  }
}
