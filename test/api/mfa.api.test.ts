import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../helpers/clock.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper } from '../helpers/test-helper.js';

const STEP = 30_000;

describe('multi-factor authentication', () => {
  let th: TestHelper;
  const clock = new TestClock();

  beforeAll(async () => {
    th = await (
      await TestHelper.setup(
        (c) => {
          c.ServiceSettings.EnableMultifactorAuthentication = true;
        },
        { clock },
      )
    ).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  function codeFor(secret: string): string {
    return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: clock.now() });
  }

  async function userWithMfa(): Promise<{ username: string; id: string; secret: string }> {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    const { secret, qr_code: qrCode } = await client.generateMfaSecret(user.id);
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    expect(Buffer.from(qrCode, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(await client.updateUserMfa(user.id, true, codeFor(secret))).toEqual({ status: 'OK' });
    expect((await client.getMe()).mfa_active).toBe(true);
    // A code is good for one login only: move to the next time step.
    clock.advance(STEP);
    return { username: user.username, id: user.id, secret };
  }

  it('activates with a code computed from the generated secret and then requires a code at login', async () => {
    const { username, secret } = await userWithMfa();
    expect(await th.anonymousClient().checkUserMfa(username)).toEqual({ mfa_required: true });
    const client = th.anonymousClient();
    const me = await client.login(username, DEFAULT_PASSWORD, codeFor(secret));
    expect(me.username).toBe(username);
  });

  it('asks for the code with mfa.validate_token.authenticate.app_error when none is sent', async () => {
    // Mattermost's web and mobile apps show the code field on exactly this id.
    const { username } = await userWithMfa();
    await expectAppError(th.anonymousClient().login(username, DEFAULT_PASSWORD), 400, 'mfa.validate_token.authenticate.app_error');
  });

  it('refuses a wrong code and a code used twice', async () => {
    const { username, secret } = await userWithMfa();
    const good = codeFor(secret);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    await expectAppError(th.anonymousClient().login(username, DEFAULT_PASSWORD, wrong), 401, 'api.user.check_user_mfa.bad_code.app_error');
    await th.anonymousClient().login(username, DEFAULT_PASSWORD, good);
    await expectAppError(th.anonymousClient().login(username, DEFAULT_PASSWORD, good), 401, 'api.user.check_user_mfa.bad_code.app_error');
  });

  it('refuses activation with a wrong code', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    const { secret } = await client.generateMfaSecret(user.id);
    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    await expectAppError(client.updateUserMfa(user.id, true, wrong), 401, 'mfa.activate.bad_token.app_error');
    expect((await client.getMe()).mfa_active).toBeFalsy();
  });

  it('deactivates: logins need no code again', async () => {
    const { username, id } = await userWithMfa();
    const client = await th.login(username, DEFAULT_PASSWORD).catch(() => undefined);
    expect(client).toBeUndefined();
    expect(await th.adminClient.updateUserMfa(id, false, '')).toEqual({ status: 'OK' });
    expect(await th.anonymousClient().checkUserMfa(username)).toEqual({ mfa_required: false });
    expect((await (await th.login(username)).getMe()).mfa_active).toBeFalsy();
  });

  it('does not let a user manage the MFA of another', async () => {
    await expectAppError(th.client.generateMfaSecret(th.basicUser2.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.updateUserMfa(th.basicUser2.id, false, ''), 403, 'api.context.permissions.app_error');
  });

  it('enforces MFA: normal routes answer 403 until it is set up, /users/me still works', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    await th.withConfig(
      (c) => {
        c.ServiceSettings.EnforceMultifactorAuthentication = true;
      },
      async () => {
        expect((await client.getMe()).id).toBe(user.id);
        await expectAppError(client.getUser(th.basicUser2.id), 403, 'api.context.mfa_required.app_error');
        // Only the literal /users/me path is let through, as in Mattermost.
        await expectAppError(client.getUser(user.id), 403, 'api.context.mfa_required.app_error');
        await expectAppError(client.getProfiles(), 403, 'api.context.mfa_required.app_error');
        const { secret } = await client.generateMfaSecret(user.id);
        await client.updateUserMfa(user.id, true, codeFor(secret));
        expect((await client.getUser(th.basicUser2.id)).id).toBe(th.basicUser2.id);
      },
    );
  });

  it('answers 501 when MFA is disabled', async () => {
    await th.withConfig(
      (c) => {
        c.ServiceSettings.EnableMultifactorAuthentication = false;
      },
      async () => {
        await expectAppError(th.client.generateMfaSecret(th.basicUser.id), 501, 'mfa.mfa_disabled.app_error');
        expectErrorBody(
          await rawRequest(th.url, 'PUT', `/api/v4/users/${th.basicUser.id}/mfa`, { token: th.client.getToken(), body: { activate: 'yes' } }),
          400,
          'api.context.invalid_body_param.app_error',
        );
      },
    );
  });
});
