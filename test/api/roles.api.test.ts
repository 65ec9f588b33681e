import type { Client4 } from '@mattermost/client';
import type { Role } from '@mattermost/types/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('roles', () => {
  let th: TestHelper;
  let manager: Client4;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    const { user } = await th.createUser();
    await th.adminClient.updateUserRoles(user.id, 'system_user system_manager');
    manager = await th.login(user.username);
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('reads roles by names, by name and by id', async () => {
    const roles = await th.client.getRolesByNames(['team_user', 'system_user', '', 'no_such_role']);
    expect(roles.map((r) => r.name).sort()).toEqual(['system_user', 'team_user']);
    const teamUser = roles.find((r) => r.name === 'team_user') as Role;
    expect(teamUser).toMatchObject({ scheme_managed: true, built_in: true, delete_at: 0, display_name: 'authentication.roles.team_user.name' });
    expect(teamUser.permissions).toContain('view_team');
    expect(await th.client.getRoleByName('team_user')).toEqual(teamUser);
    expect(await th.client.getRole(teamUser.id)).toEqual(teamUser);
  });

  it('answers unknown and malformed role requests with Mattermost ids', async () => {
    await expectAppError(th.client.getRole('a'.repeat(26)), 404, 'app.role.get.app_error');
    await expectAppError(th.client.getRoleByName('no_such_role'), 404, 'app.role.get_by_name.app_error');
    await expectAppError(th.client.getRolesByNames([]), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(th.client.getRolesByNames(['Bad Name']), 400, 'api.context.invalid_body_param.app_error');
    const token = th.client.getToken();
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/roles/not-an-id', { token }), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/roles/name/Bad!', { token }), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/roles/names', { token, body: '{"a":1}' }), 400, 'api.context.invalid_body_param.app_error');
  });

  it('lists every role for system admins only', async () => {
    const all = await rawRequest(th.url, 'GET', '/api/v4/roles', { token: th.adminClient.getToken() });
    expect(all.status).toBe(200);
    expect((all.json as Role[]).map((r) => r.name)).toEqual(expect.arrayContaining(['system_admin', 'team_user', 'channel_guest']));
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/roles', { token: th.client.getToken() }), 403, 'api.context.permissions.app_error');
  });

  it('patches permissions, announces the change and applies it at once', async () => {
    const events: DomainEvent[] = [];
    const unsubscribe = th.server.app.services.bus.subscribe((e) => events.push(e));
    const role = await th.adminClient.getRoleByName('team_post_all');
    try {
      const patched = await th.adminClient.patchRole(role.id, { permissions: [...role.permissions, 'create_post_public'] });
      expect(patched.permissions).toContain('create_post_public');
      expect(patched.update_at).toBeGreaterThanOrEqual(role.update_at);
      expect((await th.client.getRoleByName('team_post_all')).permissions).toContain('create_post_public');
      expect(events.find((e) => e.type === 'role.updated')).toMatchObject({ payload: { roleName: 'team_post_all', role: { id: role.id } } });
      expect(th.server.app.services.roles.permissionsOf('team_post_all')?.has('create_post_public')).toBe(true);
    } finally {
      unsubscribe();
      await th.adminClient.patchRole(role.id, { permissions: role.permissions });
    }
  });

  it('accepts only known permission ids and never the role-management ones', async () => {
    const role = await th.adminClient.getRoleByName('team_user');
    await expectAppError(th.adminClient.patchRole(role.id, { permissions: [...role.permissions, 'fly_to_the_moon'] }), 400, 'app.role.save.invalid_role.app_error');
    await expectAppError(th.adminClient.patchRole(role.id, { permissions: [...role.permissions, 'manage_roles'] }), 501, 'api.roles.patch_roles.not_allowed_permission.error');
    const token = th.adminClient.getToken();
    expectErrorBody(await rawRequest(th.url, 'PUT', `/api/v4/roles/${role.id}/patch`, { token, body: { permissions: 'view_team' } }), 400, 'api.context.invalid_body_param.app_error');
    expect((await th.adminClient.getRoleByName('team_user')).permissions).toEqual(role.permissions);
  });

  it('requires the permission of the role area', async () => {
    const teamUser = await th.adminClient.getRoleByName('team_user');
    const systemAdmin = await th.adminClient.getRoleByName('system_admin');
    const userManager = await th.adminClient.getRoleByName('system_user_manager');
    await expectAppError(th.client.patchRole(teamUser.id, { permissions: teamUser.permissions }), 403, 'api.context.permissions.app_error');
    // A system manager may edit the permission-page roles, not the admin roles.
    await expect(manager.patchRole(teamUser.id, { permissions: teamUser.permissions })).resolves.toMatchObject({ name: 'team_user' });
    await expectAppError(manager.patchRole(systemAdmin.id, { permissions: systemAdmin.permissions }), 403, 'api.context.permissions.app_error');
    await expectAppError(manager.patchRole(userManager.id, { permissions: userManager.permissions }), 403, 'api.context.permissions.app_error');
    await expectAppError(th.adminClient.patchRole('a'.repeat(26), { permissions: [] }), 404, 'app.role.get.app_error');
  });
});
