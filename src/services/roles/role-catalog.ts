import type { RoleGrants } from '../../authz/authorizer.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Role } from '../../model/role.js';
import type { Scheme } from '../../model/scheme.js';
import { DEFAULT_ROLES } from '../../model/permissions.js';
import { newId } from '../../model/ids.js';
import type { Store } from '../../store/store.js';
import { isConflict } from '../../store/errors.js';

const RELOADING_EVENTS: ReadonlySet<string> = new Set(['role.updated', 'scheme.created', 'scheme.updated', 'scheme.deleted']);

/**
 * Every role and scheme, held in memory because every request asks. Reloaded whenever a role or
 * scheme changes here or on another node; the service that made the change awaits `reload()`
 * before answering, so the caller's next request already sees it.
 */
export class RoleCatalog implements RoleGrants {
  private byName = new Map<string, Role>();
  private grants = new Map<string, ReadonlySet<string>>();
  private schemes = new Map<string, Scheme>();

  constructor(
    private readonly store: Store,
    bus: EventBus,
  ) {
    bus.subscribe((e) => {
      if (RELOADING_EVENTS.has(e.type)) void this.reload().catch(() => undefined);
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
    const [roles, schemes] = await Promise.all([this.store.roles.listAll(), this.store.schemes.listAll()]);
    const byName = new Map<string, Role>();
    const grants = new Map<string, ReadonlySet<string>>();
    for (const role of roles) {
      byName.set(role.name, role);
      if (role.delete_at === 0) grants.set(role.name, new Set(role.permissions));
    }
    this.byName = byName;
    this.grants = grants;
    this.schemes = new Map(schemes.filter((s) => s.delete_at === 0).map((s) => [s.id, s]));
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

  /** The live scheme with this id; undefined for '' / null (the system scheme) and deleted schemes. */
  scheme(id: string | null | undefined): Scheme | undefined {
    return id ? this.schemes.get(id) : undefined;
  }
}
