import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { newClient, rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('sessions', () => {
  let th: TestHelper;
  const clock = new TestClock();

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { clock })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('lists the caller’s sessions without tokens', async () => {
    const { user } = await th.createUser();
    const first = await th.login(user.username);
    await th.login(user.username);
    const sessions = (await first.getSessions(user.id));
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s.user_id).toBe(user.id);
      expect(s.token).toBe('');
      expect(s).not.toHaveProperty('token_hash');
    }
  });

  it('revokes one session: only that client loses access', async () => {
    const { user } = await th.createUser();
    const keep = await th.login(user.username);
    clock.advance(1000);
    const lose = await th.login(user.username);
    const sessions = (await keep.getSessions(user.id));
    // The later login is the one to revoke (the test clock moved between the two).
    const target = sessions.reduce((a, b) => (b.create_at > a.create_at ? b : a));
    expect(await keep.revokeSession(user.id, target.id)).toEqual({ status: 'OK' });
    await expectAppError(lose.getMe(), 401, 'api.context.session_expired.app_error');
    expect((await keep.getMe()).id).toBe(user.id);
    expect((await keep.getSessions(user.id))).toHaveLength(1);
  });

  it('refuses to revoke a session of someone else or an unknown one', async () => {
    const adminSessions = (await th.adminClient.getSessions(th.systemAdminUser.id));
    await expectAppError(th.client.revokeSession(th.basicUser.id, adminSessions[0]?.id ?? ''), 400, 'api.context.invalid_url_param.app_error');
    await expectAppError(th.client.revokeSession(th.basicUser.id, 'a'.repeat(26)), 404, 'app.session.get.app_error');
    await expectAppError(th.client.revokeSession(th.basicUser.id, 'bad'), 400, 'api.context.invalid_body_param.app_error');
  });

  it('revokes every session of a user', async () => {
    const { user } = await th.createUser();
    const a = await th.login(user.username);
    const b = await th.login(user.username);
    expect(await a.revokeAllSessionsForUser(user.id)).toEqual({ status: 'OK' });
    await expectAppError(a.getMe(), 401);
    await expectAppError(b.getMe(), 401);
  });

  it('attaches a device id and gives the session the mobile length', async () => {
    await th.withConfig(
      (c) => {
        c.ServiceSettings.SessionLengthMobileInHours = 48;
      },
      async () => {
        const { user } = await th.createUser();
        const client = await th.login(user.username);
        const response = await rawRequest(th.url, 'PUT', '/api/v4/users/sessions/device', { token: client.getToken(), body: { device_id: 'android_rn-v2:abc' } });
        expect(response.status).toBe(200);
        expect(response.json).toEqual({ status: 'OK' });
        const [session] = (await client.getSessions(user.id));
        expect(session?.device_id).toBe('android_rn-v2:abc');
        expect(session?.expires_at).toBe(clock.now() + 48 * HOUR);
        expectErrorBody(
          await rawRequest(th.url, 'PUT', '/api/v4/users/sessions/device', { token: client.getToken(), body: { device_id: '' } }),
          400,
          'api.context.invalid_body_param.app_error',
        );
      },
    );
  });

  it('expires a web session after SessionLengthWebInHours without activity', async () => {
    await th.withConfig(
      (c) => {
        c.ServiceSettings.SessionLengthWebInHours = 24;
      },
      async () => {
        const { user } = await th.createUser();
        const client = await th.login(user.username);
        clock.advance(23 * HOUR);
        // Activity extends the session (once more than 1% of its length has passed)...
        expect((await client.getMe()).id).toBe(user.id);
        clock.advance(23 * HOUR);
        expect((await client.getMe()).id).toBe(user.id);
        // ...and a whole length without any ends it.
        clock.advance(24 * HOUR + MINUTE);
        await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
      },
    );
    await th.reloginBasic();
  });

  it('ends a session idle for longer than SessionIdleTimeoutInMinutes', async () => {
    await th.withConfig(
      (c) => {
        c.ServiceSettings.SessionIdleTimeoutInMinutes = 30;
      },
      async () => {
        const { user } = await th.createUser();
        const client = await th.login(user.username);
        clock.advance(20 * MINUTE);
        expect((await client.getMe()).id).toBe(user.id);
        clock.advance(20 * MINUTE);
        expect((await client.getMe()).id).toBe(user.id);
        clock.advance(31 * MINUTE);
        await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
      },
    );
    await th.reloginBasic();
  });

  it('applies new roles to live sessions at once', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    await expectAppError(client.getUserAudits(th.basicUser2.id), 403, 'api.context.permissions.app_error');
    await th.adminClient.updateUserRoles(user.id, 'system_user system_admin');
    expect(Array.isArray(await client.getUserAudits(th.basicUser2.id))).toBe(true);
    expect((await client.getMe()).roles).toBe('system_user system_admin');
    await th.adminClient.updateUserRoles(user.id, 'system_user');
    await expectAppError(client.getUserAudits(th.basicUser2.id), 403, 'api.context.permissions.app_error');
  });

  it('ends every session of a deactivated user at once', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    expect((await client.getMe()).id).toBe(user.id);
    await th.adminClient.updateUserActive(user.id, false);
    await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
    await th.adminClient.updateUserActive(user.id, true);
    await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
    expect((await (await th.login(user.username)).getMe()).id).toBe(user.id);
  });

  it('keeps its own clock for tokens in the cache', async () => {
    // A cached session must still be checked against expiry, not just served from the cache.
    await th.withConfig(
      (c) => {
        c.ServiceSettings.SessionLengthWebInHours = 1;
        c.ServiceSettings.SessionCacheInMinutes = 600;
      },
      async () => {
        const { user } = await th.createUser();
        const client = await th.login(user.username);
        expect((await client.getMe()).id).toBe(user.id);
        clock.advance(2 * HOUR);
        await expectAppError(newClient(th.url, client.getToken()).getMe(), 401, 'api.context.session_expired.app_error');
      },
    );
    await th.reloginBasic();
  });
});
