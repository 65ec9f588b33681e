import type { Client4 } from '@mattermost/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/model/ids.js';
import { P } from '../../src/model/permissions.js';
import { Store } from '../../src/store/store.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const FORBIDDEN = 'api.context.permissions.app_error';

describe('permissions on other users', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup((c) => {
      c.ServiceSettings.EnableMultifactorAuthentication = true;
    })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  describe('a regular user', () => {
    it('cannot patch, update or delete another user', async () => {
      const other = th.basicUser2;
      await expectAppError(th.client.patchUser({ id: other.id, nickname: 'x' }), 403, FORBIDDEN);
      await expectAppError(th.client.updateUser({ ...other, nickname: 'x' }), 403, FORBIDDEN);
      expectErrorBody(await rawRequest(th.url, 'DELETE', `/api/v4/users/${other.id}`, { token: th.client.getToken() }), 403, FORBIDDEN);
      expect((await th.adminClient.getUser(other.id)).nickname).toBe(other.nickname);
    });

    it('cannot deactivate another user or change roles', async () => {
      await expectAppError(th.client.updateUserActive(th.basicUser2.id, false), 403, 'api.user.update_active.permissions.app_error');
      await expectAppError(th.client.updateUserRoles(th.basicUser2.id, 'system_user system_admin'), 403, FORBIDDEN);
      await expectAppError(th.client.updateUserRoles(th.basicUser.id, 'system_user system_admin'), 403, FORBIDDEN);
      expect((await th.client.getMe()).roles).toBe('system_user');
    });

    it('cannot read or end another user’s sessions, nor read their audits', async () => {
      const other = th.basicUser2.id;
      await expectAppError(th.client.getSessions(other), 403, FORBIDDEN);
      await expectAppError(th.client.revokeAllSessionsForUser(other), 403, FORBIDDEN);
      await expectAppError(th.client.revokeSession(other, 'a'.repeat(26)), 403, FORBIDDEN);
      await expectAppError(th.client.getUserAudits(other), 403, FORBIDDEN);
      expect((await th.client2.getMe()).id).toBe(other);
    });

    it('cannot touch an admin', async () => {
      const admin = th.systemAdminUser;
      await expectAppError(th.client.patchUser({ id: admin.id, nickname: 'pwned' }), 403, FORBIDDEN);
      await expectAppError(th.client.updateUserActive(admin.id, false), 403, 'api.user.update_active.permissions.app_error');
      await expectAppError(th.client.revokeAllSessionsForUser(admin.id), 403, FORBIDDEN);
    });
  });

  describe('a user who may edit other users but is not a system admin', () => {
    let editor: Client4;

    beforeAll(async () => {
      // A custom role holding edit_other_users only; no built-in role but system_admin has it.
      const { db, dialect } = th.server.app.database;
      const now = Date.now();
      await new Store(db, dialect).roles.insert({
        id: newId(),
        name: 'test_user_editor',
        display_name: 'User editor',
        description: '',
        create_at: now,
        update_at: now,
        delete_at: 0,
        permissions: [P.editOtherUsers],
        scheme_managed: false,
        built_in: false,
      });
      await th.server.app.services.roles.reload();
      const { user } = await th.createUser();
      await th.adminClient.updateUserRoles(user.id, 'system_user test_user_editor');
      editor = await th.login(user.username);
    });

    it('edits ordinary users', async () => {
      const patched = await editor.patchUser({ id: th.basicUser2.id, position: 'edited' });
      expect(patched.position).toBe('edited');
      expect(Array.isArray(await editor.getSessions(th.basicUser2.id))).toBe(true);
    });

    it('cannot edit, read the sessions or audits of, or reset the MFA of a system admin', async () => {
      const admin = th.systemAdminUser.id;
      await expectAppError(editor.patchUser({ id: admin, nickname: 'pwned' }), 403, FORBIDDEN);
      await expectAppError(editor.getSessions(admin), 403, FORBIDDEN);
      await expectAppError(editor.revokeAllSessionsForUser(admin), 403, FORBIDDEN);
      await expectAppError(editor.getUserAudits(admin), 403, FORBIDDEN);
      await expectAppError(editor.updateUserMfa(admin, false, ''), 403, FORBIDDEN);
      await expectAppError(editor.generateMfaSecret(admin), 403, FORBIDDEN);
      expectErrorBody(await rawRequest(th.url, 'DELETE', `/api/v4/users/${admin}`, { token: editor.getToken() }), 403, FORBIDDEN);
      expect((await th.adminClient.getMe()).id).toBe(admin);
    });
  });

  it('refuses roles that do not exist', async () => {
    await expectAppError(th.adminClient.updateUserRoles(th.basicUser2.id, 'system_user no_such_role'), 400, 'app.role.check_roles_exist.role_not_found');
    expect((await th.client2.getMe()).roles).toBe('system_user');
  });
});
