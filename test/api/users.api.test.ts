import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

describe('users', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('makes the first account a system admin and later ones plain users', () => {
    expect(th.systemAdminUser.roles).toBe('system_admin system_user');
    expect(th.basicUser.roles).toBe('system_user');
  });

  it('returns the caller as "me" without secrets', async () => {
    const me = await th.client.getMe();
    expect(me.id).toBe(th.basicUser.id);
    expect(me.email).toBe(th.basicUser.email);
    expect(me).not.toHaveProperty('password');
    expect(me).not.toHaveProperty('mfa_secret');
    expect(me.auth_data).toBe('');
    expect(me.notify_props).toBeDefined();
  });

  it('shows other users as profiles only', async () => {
    const other = await th.client.getUser(th.basicUser2.id);
    expect(other.id).toBe(th.basicUser2.id);
    expect(other).not.toHaveProperty('notify_props');
    expect(other).not.toHaveProperty('last_password_update');
  });

  it('refuses signups when the server is not open', async () => {
    await expectAppError(
      th.anonymousClient().createUser({ username: uniqueName(), email: `${uniqueName()}@example.com`, password: DEFAULT_PASSWORD } as never, '', ''),
      403,
      'api.user.create_user.no_open_server',
    );
  });

  it('rejects duplicates and invalid fields with Mattermost error ids', async () => {
    await expectAppError(
      th.adminClient.createUser({ username: th.basicUser.username, email: `${uniqueName()}@example.com`, password: DEFAULT_PASSWORD } as never, '', ''),
      400,
      'app.user.save.username_exists.app_error',
    );
    await expectAppError(
      th.adminClient.createUser({ username: uniqueName(), email: th.basicUser.email, password: DEFAULT_PASSWORD } as never, '', ''),
      400,
      'app.user.save.email_exists.app_error',
    );
    await expectAppError(
      th.adminClient.createUser({ username: 'bad name!', email: `${uniqueName()}@example.com`, password: DEFAULT_PASSWORD } as never, '', ''),
      400,
      'model.user.is_valid.username.app_error',
    );
    await expectAppError(
      th.adminClient.createUser({ username: uniqueName(), email: `${uniqueName()}@example.com`, password: 'short' } as never, '', ''),
      400,
      'model.user.is_valid.pwd.app_error',
    );
  });

  it('answers malformed JSON and wrong types with invalid_body_param', async () => {
    const token = th.adminClient.getToken();
    const malformed = await rawRequest(th.url, 'POST', '/api/v4/users', { token, body: '{"username":' });
    expectErrorBody(malformed, 400, 'api.context.invalid_body_param.app_error');
    const wrongType = await rawRequest(th.url, 'POST', '/api/v4/users', { token, body: { username: 5 } });
    expectErrorBody(wrongType, 400, 'api.context.invalid_body_param.app_error');
    const badId = await rawRequest(th.url, 'GET', '/api/v4/users/not-an-id', { token });
    expectErrorBody(badId, 400, 'api.context.invalid_url_param.app_error');
  });

  it('answers unknown API routes with api.context.404.app_error', async () => {
    const response = await rawRequest(th.url, 'GET', '/api/v4/no/such/route');
    expectErrorBody(response, 404, 'api.context.404.app_error');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('x-version-id')).toBeTruthy();
  });

  it('logs in by username or email and logs out', async () => {
    const { user, password } = await th.createUser();
    const byEmail = th.anonymousClient();
    const me = await byEmail.login(user.email, password);
    expect(me.id).toBe(user.id);
    await byEmail.logout();
    await expectAppError(newLogin(th, user.username, 'wrong-password'), 401, 'api.user.login.invalid_credentials_email_username');
  });
});

async function newLogin(th: TestHelper, loginId: string, password: string): Promise<unknown> {
  return th.anonymousClient().login(loginId, password);
}
