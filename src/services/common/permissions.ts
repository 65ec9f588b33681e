import { rolesGrantPermission, splitRoles, type RoleGrants } from '../../authz/authorizer.js';
import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import type { RequestContext } from './context.js';

/**
 * The one place services ask "may this caller do that?". System-scope checks live here; team and
 * channel scopes add the caller's membership roles (and scheme overrides) before deciding.
 */
export class Permissions {
  constructor(private readonly grants: RoleGrants) {}

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

  /** Mattermost's SessionHasPermissionToUser: oneself, or whoever may edit other users. */
  canActOnUser(ctx: RequestContext, userId: string): boolean {
    if (ctx.session?.user_id === userId) return true;
    return this.has(ctx, P.editOtherUsers);
  }

  /** @throws AppError 403 (edit_other_users) unless `canActOnUser`. */
  requireActOnUser(ctx: RequestContext, userId: string): void {
    if (!this.canActOnUser(ctx, userId)) throw AppError.forbidden(P.editOtherUsers);
  }

  /** Grants of role names held outside the session (team and channel membership roles). */
  rolesGrant(roleNames: Iterable<string>, permission: string): boolean {
    return rolesGrantPermission(this.grants, roleNames, permission);
  }
}
