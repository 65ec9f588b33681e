import { channelRolesGrant, rolesGrantPermission, splitRoles, teamRolesGrant, type RoleGrants } from '../../authz/authorizer.js';
import { AppError } from '../../model/app-error.js';
import { P, ROLE_NAMES } from '../../model/permissions.js';
import type { Scheme } from '../../model/scheme.js';
import type { MemberRoleFlags } from '../../model/team.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from './context.js';

/** Where permission checks find schemes by id (the role catalogue). */
export interface SchemeSource {
  scheme(id: string | null | undefined): Scheme | undefined;
}

/** A live team membership and the scheme its team follows. */
export interface TeamMembershipForCheck extends MemberRoleFlags {
  delete_at: number;
  team_scheme_id: string | null;
}

/**
 * What a channel permission check needs. The channels area loads these records (the caller's
 * channel and team memberships, the channel and its team) and asks `hasChannel`.
 */
export interface ChannelPermissionScope {
  channel: { id: string; team_id: string; scheme_id: string | null; type: string };
  /** The caller's live channel membership; absent for non-members. */
  channelMember?: MemberRoleFlags | undefined;
  /** The channel's team; absent for direct and group messages. */
  team?: { id: string; scheme_id: string | null } | undefined;
  /** The caller's live membership of that team. */
  teamMember?: MemberRoleFlags | undefined;
}

/**
 * The one place services ask "may this caller do that?". System scope uses the session's roles;
 * team scope adds the caller's team membership roles resolved through the team's scheme
 * (Mattermost's SessionHasPermissionToTeam); channel scope adds channel membership roles resolved
 * through the channel's and the team's schemes (SessionHasPermissionToChannel).
 */
export class Permissions {
  /** @param store reads target users' roles and callers' team memberships (absent in pure unit tests). */
  constructor(
    private readonly grants: RoleGrants & SchemeSource,
    private readonly store?: Store,
  ) {}

  /** True when the caller's system roles grant `permission` (the system actor always may). */
  has(ctx: RequestContext, permission: string): boolean {
    if (ctx.isSystem) return true;
    if (!ctx.session) return false;
    return rolesGrantPermission(this.grants, splitRoles(ctx.session.roles), permission);
  }

  /** @throws AppError 403 api.context.permissions.app_error naming the first permission. */
  require(ctx: RequestContext, permission: string): void {
    if (!this.has(ctx, permission)) throw AppError.forbidden(permission);
  }

  /** True when any of the permissions is granted. */
  hasAny(ctx: RequestContext, permissions: readonly string[]): boolean {
    return permissions.some((p) => this.has(ctx, p));
  }

  /** @throws AppError 403 unless one of the permissions is granted. */
  requireAny(ctx: RequestContext, permissions: readonly string[]): void {
    if (!this.hasAny(ctx, permissions)) throw AppError.forbidden(...permissions);
  }

  isSystemAdmin(ctx: RequestContext): boolean {
    return this.has(ctx, P.manageSystem);
  }

  /**
   * Oneself, or whoever may edit other users, without looking at the target. Prefer
   * `hasPermissionToUser`: this check lets edit_other_users act on system admins too.
   */
  canActOnUser(ctx: RequestContext, userId: string): boolean {
    if (ctx.session?.user_id === userId) return true;
    return this.has(ctx, P.editOtherUsers);
  }

  /** @throws AppError 403 (edit_other_users) unless `canActOnUser`. */
  requireActOnUser(ctx: RequestContext, userId: string): void {
    if (!this.canActOnUser(ctx, userId)) throw AppError.forbidden(P.editOtherUsers);
  }

  /**
   * Mattermost's SessionHasPermissionToUser: system admins may act on anyone, users on
   * themselves, and holders of edit_other_users on any existing user who is not a system admin.
   */
  async hasPermissionToUser(ctx: RequestContext, userId: string): Promise<boolean> {
    if (this.isSystemAdmin(ctx) || ctx.session?.user_id === userId) return true;
    if (!this.has(ctx, P.editOtherUsers) || !this.store) return false;
    const roles = (await this.store.users.findById(userId))?.roles;
    return roles !== undefined && !splitRoles(roles).includes(ROLE_NAMES.systemAdmin);
  }

  /** @throws AppError 403 (edit_other_users) unless `hasPermissionToUser`. */
  async requirePermissionToUser(ctx: RequestContext, userId: string): Promise<void> {
    if (!(await this.hasPermissionToUser(ctx, userId))) throw AppError.forbidden(P.editOtherUsers);
  }

  /** True when a role of that name exists and is not deleted. */
  roleExists(name: string): boolean {
    return this.grants.permissionsOf(name) !== undefined;
  }

  /** Grants of role names held outside the session (team and channel membership roles). */
  rolesGrant(roleNames: Iterable<string>, permission: string): boolean {
    return rolesGrantPermission(this.grants, roleNames, permission);
  }

  /**
   * Team scope with the caller's membership already loaded (undefined, or a removed membership,
   * counts as none).
   */
  hasTeamWith(ctx: RequestContext, teamId: string, membership: TeamMembershipForCheck | undefined, permission: string): boolean {
    if (!teamId) return false;
    if (ctx.isSystem) return true;
    if (!ctx.session) return false;
    const live = membership && membership.delete_at === 0 ? membership : undefined;
    return teamRolesGrant(
      this.grants,
      { systemRoles: splitRoles(ctx.session.roles), teamMember: live, teamScheme: this.grants.scheme(live?.team_scheme_id) },
      permission,
    );
  }

  /** Mattermost's SessionHasPermissionToTeam: the caller's team roles, then their system roles. */
  async hasTeam(ctx: RequestContext, teamId: string, permission: string): Promise<boolean> {
    if (!teamId) return false;
    if (ctx.isSystem) return true;
    if (!ctx.session) return false;
    return this.hasTeamWith(ctx, teamId, await this.membership(ctx, teamId), permission);
  }

  /** @throws AppError 403 api.context.permissions.app_error unless `hasTeam`. */
  async requireTeam(ctx: RequestContext, teamId: string, permission: string): Promise<void> {
    if (!(await this.hasTeam(ctx, teamId, permission))) throw AppError.forbidden(permission);
  }

  /**
   * The permission in the system scope or in any team the caller belongs to: how Mattermost lets
   * team roles grant system-wide actions such as creating custom emoji.
   */
  async hasSystemOrAnyTeam(ctx: RequestContext, permission: string): Promise<boolean> {
    if (this.has(ctx, permission)) return true;
    const userId = ctx.session?.user_id;
    if (!userId || !this.store) return false;
    const memberships = await this.store.teamMembers.listForUser(userId, { includeDeleted: false });
    return memberships.some((m) => this.hasTeamWith(ctx, m.team_id, m, permission));
  }

  /** @throws AppError 403 api.context.permissions.app_error unless `hasSystemOrAnyTeam` */
  async requireSystemOrAnyTeam(ctx: RequestContext, permission: string): Promise<void> {
    if (!(await this.hasSystemOrAnyTeam(ctx, permission))) throw AppError.forbidden(permission);
  }

  /** The caller's membership row of the team (removed ones included), for callers that need it twice. */
  async membership(ctx: RequestContext, teamId: string): Promise<TeamMembershipForCheck | undefined> {
    const userId = ctx.session?.user_id;
    if (!userId || !this.store) return undefined;
    return this.store.teamMembers.find(teamId, userId);
  }

  /**
   * Mattermost's SessionHasPermissionToChannel over loaded records: channel roles (through the
   * channel's and the team's schemes, with channel moderation), then manage_system, then the team
   * scope, or the system roles for channels outside teams.
   */
  hasChannel(ctx: RequestContext, scope: ChannelPermissionScope, permission: string): boolean {
    if (ctx.isSystem) return true;
    if (!ctx.session) return false;
    const teamScheme = this.grants.scheme(scope.team?.scheme_id);
    return channelRolesGrant(
      this.grants,
      {
        systemRoles: splitRoles(ctx.session.roles),
        channel: { team_id: scope.channel.team_id },
        channelMember: scope.channelMember,
        channelScheme: this.grants.scheme(scope.channel.scheme_id),
        teamMember: scope.teamMember,
        teamScheme,
      },
      permission,
    );
  }

  /** @throws AppError 403 api.context.permissions.app_error unless `hasChannel`. */
  requireChannel(ctx: RequestContext, scope: ChannelPermissionScope, permission: string): void {
    if (!this.hasChannel(ctx, scope, permission)) throw AppError.forbidden(permission);
  }
}
