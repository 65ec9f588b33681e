import type { RoleGrants } from '../../authz/authorizer.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Role } from '../../model/role.js';
import { DEFAULT_ROLES } from '../../model/permissions.js';
import { newId } from '../../model/ids.js';
import type { Store } from '../../store/store.js';
import { isConflict } from '../../store/errors.js';

/**
 * Every role and its permissions, held in memory because every request asks. Reloaded whenever a
 * role changes here or on another node (`role.updated`).
 */
export class RoleCatalog implements RoleGrants {
  private byName = new Map<string, Role>();
  private grants = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly store: Store,
    bus: EventBus,
  ) {
    bus.subscribe((e) => {
      if (e.type === 'role.updated') void this.reload().catch(() => undefined);
    });
  }

  /** Inserts the built-in roles that are missing (first start, or roles added by an upgrade), then loads all. */
  async initialise(now: number): Promise<void> {
    const existing = new Set((await this.store.roles.listAll()).map((r) => r.name));
    for (const role of Object.values(DEFAULT_ROLES)) {
      if (existing.has(role.name)) continue;
      try {
        await this.store.roles.insert({
          id: newId(),
          name: role.name,
          display_name: role.display_name,
          description: role.description,
          create_at: now,
          update_at: now,
          delete_at: 0,
          permissions: [...role.permissions],
          scheme_managed: role.scheme_managed,
          built_in: role.built_in,
        });
      } catch (error) {
        // Another node starting at the same time inserted it first.
        if (!isConflict(error)) throw error;
      }
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const roles = await this.store.roles.listAll();
    const byName = new Map<string, Role>();
    const grants = new Map<string, ReadonlySet<string>>();
    for (const role of roles) {
      byName.set(role.name, role);
      if (role.delete_at === 0) grants.set(role.name, new Set(role.permissions));
    }
    this.byName = byName;
    this.grants = grants;
  }

  permissionsOf(roleName: string): ReadonlySet<string> | undefined {
    return this.grants.get(roleName);
  }

  get(name: string): Role | undefined {
    return this.byName.get(name);
  }

  all(): Role[] {
    return [...this.byName.values()];
  }
}
