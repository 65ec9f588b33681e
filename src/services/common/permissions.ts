import { rolesGrantPermission, splitRoles, type RoleGrants } from '../../authz/authorizer.js';
import { AppError } from '../../model/app-error.js';
import { P, ROLE_NAMES } from '../../model/permissions.js';
import type { RequestContext } from './context.js';

/** The system roles of a user, or undefined when there is no such user. */
export type UserRolesLookup = (userId: string) => Promise<string | undefined>;

/**
 * The one place services ask "may this caller do that?". System-scope checks live here; team and
 * channel scopes add the caller's membership roles (and scheme overrides) before deciding.
 */
export class Permissions {
  /**
   * @param userRoles reads a target user's roles for `hasPermissionToUser`; without it, acting on
   *   another user needs manage_system.
   */
  constructor(
    private readonly grants: RoleGrants,
    private readonly userRoles?: UserRolesLookup,
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
    if (!this.has(ctx, P.editOtherUsers) || !this.userRoles) return false;
    const roles = await this.userRoles(userId);
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
}
