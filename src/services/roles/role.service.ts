import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { NEW_SYSTEM_ROLE_NAMES, P, ROLE_NAMES, isKnownPermission, isValidRoleName } from '../../model/permissions.js';
import type { Role } from '../../model/role.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { RoleCatalog } from './role-catalog.js';

/** Permissions no role patch may add or remove (they would let admins escalate themselves). */
const NOT_PATCHABLE_PERMISSIONS: readonly string[] = [
  P.sysconsoleWriteUserManagementSystemRoles,
  P.sysconsoleReadUserManagementSystemRoles,
  P.manageRoles,
];

/** Built-in roles edited from the Permissions page (any other role is a "system role"). */
const SCHEME_PAGE_ROLES: ReadonlySet<string> = new Set([
  ROLE_NAMES.teamAdmin,
  ROLE_NAMES.channelAdmin,
  ROLE_NAMES.systemUser,
  ROLE_NAMES.teamUser,
  ROLE_NAMES.channelUser,
  ROLE_NAMES.systemGuest,
  ROLE_NAMES.teamGuest,
  ROLE_NAMES.channelGuest,
  ROLE_NAMES.playbookAdmin,
  ROLE_NAMES.playbookMember,
  ROLE_NAMES.runAdmin,
  ROLE_NAMES.runMember,
]);

/** Reading roles and changing their permissions. */
export class RoleService {
  constructor(private readonly deps: { store: Store; uow: UnitOfWork; clock: Clock; permissions: Permissions; roles: RoleCatalog }) {}

  /**
   * GET /roles: every role, deleted ones included.
   * @throws AppError 403 (manage_system)
   */
  getAllRoles(ctx: RequestContext): Role[] {
    this.deps.permissions.require(ctx, P.manageSystem);
    return this.deps.roles.all();
  }

  /** @throws AppError 404 app.role.get.app_error */
  async getRole(roleId: string): Promise<Role> {
    const role = await this.deps.store.roles.findById(roleId);
    if (!role) throw AppError.notFound('app.role.get.app_error', `role_id=${roleId}`);
    return role;
  }

  /** @throws AppError 400 role_name, 404 app.role.get_by_name.app_error */
  async getRoleByName(name: string): Promise<Role> {
    if (!isValidRoleName(name)) throw AppError.invalidUrlParam('role_name');
    const role = await this.deps.store.roles.findByName(name);
    if (!role) throw AppError.notFound('app.role.get_by_name.app_error', `name=${name}`);
    return role;
  }

  /**
   * POST /roles/names: the roles found among the names (blank names are skipped).
   * @throws AppError 400 rolenames (not a non-empty list of strings), 400 rolename (a bad name)
   */
  async getRolesByNames(names: unknown): Promise<Role[]> {
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) throw AppError.invalidParam('rolenames');
    const cleaned = (names).filter((n) => n.trim() !== '');
    if (!cleaned.every(isValidRoleName)) throw AppError.invalidParam('rolename');
    return this.deps.store.roles.findByNames(cleaned);
  }

  /**
   * PUT /roles/{id}/patch: replaces the role's permissions. system_admin and the admin-console
   * roles need manage_system; the Permissions page roles need
   * sysconsole_write_user_management_permissions; others sysconsole_write_user_management_system_roles.
   * @throws AppError 404, 403, 501 api.roles.patch_roles.not_allowed_permission.error,
   *   400 app.role.save.invalid_role.app_error
   */
  async patchRole(ctx: RequestContext, roleId: string, patch: { permissions?: string[] | undefined }): Promise<Role> {
    const role = await this.getRole(roleId);
    const p = this.deps.permissions;
    const protectedRole = role.name === ROLE_NAMES.systemAdmin || NEW_SYSTEM_ROLE_NAMES.includes(role.name);
    p.require(ctx, protectedRole ? P.manageSystem : P.sysconsoleWriteUserManagementPermissions);
    let permissions = role.permissions;
    if (patch.permissions !== undefined) {
      const before = new Set(role.permissions);
      const after = new Set(patch.permissions);
      const changed = [...role.permissions.filter((x) => !after.has(x)), ...patch.permissions.filter((x) => !before.has(x))];
      const refused = changed.find((x) => NOT_PATCHABLE_PERMISSIONS.includes(x));
      if (refused) {
        throw AppError.notImplemented('api.roles.patch_roles.not_allowed_permission.error', `Cannot add or remove permission: ${refused}`);
      }
      permissions = [...after];
    }
    p.require(ctx, SCHEME_PAGE_ROLES.has(role.name) ? P.sysconsoleWriteUserManagementPermissions : P.sysconsoleWriteUserManagementSystemRoles);
    if (patch.permissions !== undefined && sameList(patch.permissions, role.permissions)) return role;
    if (!permissions.every(isKnownPermission)) throw AppError.badRequest('app.role.save.invalid_role.app_error');
    const updated: Role = { ...role, permissions, update_at: this.deps.clock.now() };
    await this.deps.uow.run(async (tx, emit) => {
      await tx.roles.updatePermissions(role.id, permissions, updated.update_at);
      emit(event('role.updated', { roleName: role.name, role: updated }));
    });
    await this.deps.roles.reload();
    return updated;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
