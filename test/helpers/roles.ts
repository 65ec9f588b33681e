import { newId } from '../../src/model/ids.js';
import { Store } from '../../src/store/store.js';
import type { TestServer } from './server.js';

function storeOf(server: TestServer): Store {
  return new Store(server.app.database.db, server.app.database.dialect);
}

/**
 * Gives a role extra permissions (creating the role when it does not exist) and makes the running
 * server see the change at once, as an admin's role edit would.
 */
export async function grantPermissions(server: TestServer, roleName: string, permissions: readonly string[]): Promise<void> {
  const store = storeOf(server);
  const role = await store.roles.findByName(roleName);
  const now = Date.now();
  if (role) {
    await store.roles.updatePermissions(role.id, [...new Set([...role.permissions, ...permissions])], now);
  } else {
    await store.roles.insert({
      id: newId(),
      name: roleName,
      display_name: roleName,
      description: '',
      create_at: now,
      update_at: now,
      delete_at: 0,
      permissions: [...permissions],
      scheme_managed: false,
      built_in: false,
    });
  }
  await server.app.services.roles.reload();
}

/** Takes permissions away from a role and makes the running server see it. */
export async function revokePermissions(server: TestServer, roleName: string, permissions: readonly string[]): Promise<void> {
  const store = storeOf(server);
  const role = await store.roles.findByName(roleName);
  if (!role) return;
  await store.roles.updatePermissions(role.id, role.permissions.filter((p) => !permissions.includes(p)), Date.now());
  await server.app.services.roles.reload();
}

