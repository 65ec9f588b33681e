import { describe, expect, it } from 'vitest';
import { useMigratedStore } from '../../test/helpers/store.js';
import { newId } from '../model/ids.js';
import type { Role } from '../model/role.js';
import { ConflictError } from './errors.js';

describe('RoleStore', () => {
  const db = useMigratedStore();

  function role(overrides: Partial<Role> = {}): Role {
    return {
      id: newId(),
      name: `role_${Math.random().toString(36).slice(2, 10)}`,
      display_name: 'A role',
      description: 'for tests',
      create_at: 1,
      update_at: 1,
      delete_at: 0,
      permissions: ['create_post', 'read_channel'],
      scheme_managed: true,
      built_in: false,
      ...overrides,
    };
  }

  it('stores a role with its permissions and finds it by id, name and names', async () => {
    const r = role();
    await db.store.roles.insert(r);
    expect(await db.store.roles.findById(r.id)).toEqual(r);
    expect(await db.store.roles.findByName(r.name)).toEqual(r);
    expect(await db.store.roles.findByNames([r.name, 'missing'])).toEqual([r]);
    expect(await db.store.roles.findByNames([])).toEqual([]);
    expect(await db.store.roles.findByName('missing')).toBeUndefined();
  });

  it('refuses a second role with the same name', async () => {
    const r = role();
    await db.store.roles.insert(r);
    await expect(db.store.roles.insert(role({ name: r.name }))).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps an empty permission list empty', async () => {
    const r = role({ permissions: [] });
    await db.store.roles.insert(r);
    expect((await db.store.roles.findById(r.id))?.permissions).toEqual([]);
  });

  it('lists roles by name', async () => {
    const names = (await db.store.roles.listAll()).map((r) => r.name);
    expect([...names].sort()).toEqual(names);
  });

  it('updates permissions and soft-deletes', async () => {
    const r = role();
    await db.store.roles.insert(r);
    await db.store.roles.updatePermissions(r.id, ['manage_system'], 50);
    expect(await db.store.roles.findById(r.id)).toMatchObject({ permissions: ['manage_system'], update_at: 50, delete_at: 0 });
    await db.store.roles.delete(r.id, 60);
    expect(await db.store.roles.findById(r.id)).toMatchObject({ delete_at: 60, update_at: 60 });
  });
});
