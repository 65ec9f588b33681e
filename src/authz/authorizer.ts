/**
 * Pure permission decisions: given role names and what each role grants, does a set of roles
 * grant a permission? Who holds which roles (sessions, team and channel members, schemes) is
 * gathered by the services; this module only decides.
 */
export interface RoleGrants {
  /** Permissions granted by the named role; undefined for an unknown or deleted role. */
  permissionsOf(roleName: string): ReadonlySet<string> | undefined;
}

/** True when any of `roleNames` grants `permission` (Mattermost's RolesGrantPermission). */
export function rolesGrantPermission(grants: RoleGrants, roleNames: Iterable<string>, permission: string): boolean {
  for (const name of roleNames) {
    if (grants.permissionsOf(name)?.has(permission)) return true;
  }
  return false;
}

/** Splits Mattermost's space-separated role string. */
export function splitRoles(roles: string): string[] {
  return roles.split(/\s+/).filter(Boolean);
}
