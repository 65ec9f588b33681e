import type { Client4 } from '@mattermost/client';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { MailCatcher } from '../helpers/mail-catcher.js';
import { newClient, rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const TOKEN_ROLES = 'system_user system_user_access_token';

describe('personal access tokens', () => {
  let th: TestHelper;
  let mail: MailCatcher;
  /** A member holding system_user_access_token, with a logged-in client. */
  let holder: UserProfile;
  let holderClient: Client4;

  beforeAll(async () => {
    mail = await MailCatcher.start();
    th = await TestHelper.setup((config) => {
      config.ServiceSettings.EnableUserAccessTokens = true;
      config.EmailSettings.SMTPServer = '127.0.0.1';
      config.EmailSettings.SMTPPort = String(mail.port);
    });
    await th.initBasic();
    holder = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(holder.id, TOKEN_ROLES);
    holderClient = await th.login(holder.username);
  });
  afterAll(async () => {
    await th.tearDown();
    await mail.close();
  });

  it('creates a token, shows it once, and authenticates calls made with it', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'ci deploy');
    expect(created.token).toMatch(/^[a-z0-9]{26}$/);
    expect(created).toMatchObject({ user_id: holder.id, description: 'ci deploy', is_active: true, expires_at: 0 });

    const me = await newClient(th.url, created.token).getMe();
    expect(me.id).toBe(holder.id);

    const listed = await holderClient.getUserAccessTokensForUser(holder.id);
    expect(listed.map((t) => t.id)).toContain(created.id);
    expect(listed.every((t) => t.token === undefined)).toBe(true);
    const fetched = await holderClient.getUserAccessToken(created.id);
    expect(fetched).toEqual({ id: created.id, user_id: holder.id, description: 'ci deploy', is_active: true, expires_at: 0 });

    expect(mail.lastTo(holder.email).subject).toContain('personal access token');
  });

  it('stops a disabled token at once and accepts it again once enabled', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'toggle');
    const patClient = newClient(th.url, created.token);
    await patClient.getMe();

    await holderClient.disableUserAccessToken(created.id);
    await expectAppError(patClient.getMe(), 401, 'api.context.session_expired.app_error');
    expect((await holderClient.getUserAccessToken(created.id)).is_active).toBe(false);

    await holderClient.enableUserAccessToken(created.id);
    expect((await patClient.getMe()).id).toBe(holder.id);
  });

  it('revokes a token: its session ends and the token is gone', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'short lived');
    const patClient = newClient(th.url, created.token);
    await patClient.getMe();

    await holderClient.revokeUserAccessToken(created.id);
    await expectAppError(patClient.getMe(), 401, 'api.context.session_expired.app_error');
    await expectAppError(holderClient.getUserAccessToken(created.id), 404, 'app.user_access_token.get_by_user.app_error');
  });

  it('keeps an expiry and refuses one in the past', async () => {
    const later = Date.now() + 7 * 24 * 60 * 60 * 1000;
    const created = await holderClient.createUserAccessToken(holder.id, 'expiring', later);
    expect(created.expires_at).toBe(later);
    expect((await newClient(th.url, created.token).getMe()).id).toBe(holder.id);
    await expectAppError(holderClient.createUserAccessToken(holder.id, 'past', 1000), 400, 'app.user_access_token.expires_at_in_past.app_error');
  });

  it('needs the token permissions, and edit_other_users for someone else', async () => {
    await expectAppError(th.client.createUserAccessToken(th.basicUser.id, 'nope'), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.getUserAccessTokensForUser(th.basicUser.id), 403, 'api.context.permissions.app_error');

    const created = await holderClient.createUserAccessToken(holder.id, 'mine');
    const other = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(other.id, TOKEN_ROLES);
    const otherClient = await th.login(other.username);
    await expectAppError(otherClient.getUserAccessTokensForUser(holder.id), 403, 'api.context.permissions.app_error');
    await expectAppError(otherClient.getUserAccessToken(created.id), 403, 'api.context.permissions.app_error');
    await expectAppError(otherClient.createUserAccessToken(holder.id, 'for you'), 403, 'api.context.permissions.app_error');
    await expectAppError(otherClient.revokeUserAccessToken(created.id), 403, 'api.context.permissions.app_error');
    await expectAppError(otherClient.disableUserAccessToken(created.id), 403, 'api.context.permissions.app_error');
    await expectAppError(otherClient.createUserAccessToken(th.systemAdminUser.id, 'admin'), 403, 'api.context.permissions.app_error');
    // The token still works: nothing above touched it.
    await newClient(th.url, created.token).getMe();
  });

  it('lets a system admin see and manage every token', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'audited');
    const forUser = await th.adminClient.getUserAccessTokensForUser(holder.id);
    expect(forUser.map((t) => t.id)).toContain(created.id);
    const all = await th.adminClient.getUserAccessTokens(0, 200);
    expect(all.map((t) => t.id)).toContain(created.id);
    await expectAppError(holderClient.getUserAccessTokens(), 403, 'api.context.permissions.app_error');

    const byAdmin = await th.adminClient.createUserAccessToken(th.basicUser.id, 'issued by admin');
    expect((await newClient(th.url, byAdmin.token).getMe()).id).toBe(th.basicUser.id);
    await th.adminClient.revokeUserAccessToken(byAdmin.id);
  });

  it('searches tokens by token id, owner id or owner username (admins only)', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'searchable');
    const token = th.adminClient.getToken();
    for (const term of [created.id, holder.id, holder.username]) {
      const found = await rawRequest(th.url, 'POST', '/api/v4/users/tokens/search', { token, body: { term } });
      expect(found.status).toBe(200);
      expect((found.json as Array<{ id: string; token?: string }>).map((t) => t.id)).toContain(created.id);
      expect((found.json as Array<{ token?: string }>).every((t) => t.token === undefined)).toBe(true);
    }
    const none = await rawRequest(th.url, 'POST', '/api/v4/users/tokens/search', { token, body: { term: 'nobody-here' } });
    expect(none.json).toEqual([]);
    const empty = await rawRequest(th.url, 'POST', '/api/v4/users/tokens/search', { token, body: { term: '' } });
    expectErrorBody(empty, 400, 'api.context.invalid_body_param.app_error');
    const forbidden = await rawRequest(th.url, 'POST', '/api/v4/users/tokens/search', { token: holderClient.getToken(), body: { term: holder.id } });
    expectErrorBody(forbidden, 403, 'api.context.permissions.app_error');
  });

  it('answers 501 while tokens are disabled, and refuses existing tokens meanwhile', async () => {
    const created = await holderClient.createUserAccessToken(holder.id, 'before switch-off');
    const patClient = newClient(th.url, created.token);
    await patClient.getMe();
    th.updateConfig((c) => {
      c.ServiceSettings.EnableUserAccessTokens = false;
    });
    try {
      await expectAppError(holderClient.createUserAccessToken(holder.id, 'while off'), 501, 'app.user_access_token.disabled');
      await expectAppError(patClient.getMe(), 401, 'api.context.session_expired.app_error');
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableUserAccessTokens = true;
      });
    }
    expect((await patClient.getMe()).id).toBe(holder.id);
  });

  it('ends token sessions when the owner is deactivated', async () => {
    const owner = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(owner.id, TOKEN_ROLES);
    const ownerClient = await th.login(owner.username);
    const created = await ownerClient.createUserAccessToken(owner.id, 'dies with the account');
    const patClient = newClient(th.url, created.token);
    await patClient.getMe();

    await th.adminClient.updateUserActive(owner.id, false);
    await expectAppError(patClient.getMe(), 401, 'api.context.session_expired.app_error');
    await th.adminClient.updateUserActive(owner.id, true);
    expect((await patClient.getMe()).id).toBe(owner.id);
  });

  it('rejects malformed input with invalid param errors', async () => {
    const token = holderClient.getToken();
    const path = `/api/v4/users/${holder.id}/tokens`;
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token, body: '{"description":' }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token, body: { description: 42 } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token, body: { description: 'x', expires_at: 'soon' } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', path, { token, body: {} }), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(holderClient.createUserAccessToken(holder.id, 'x'.repeat(256)), 400, 'model.user_access_token.is_valid.description.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/not-an-id/tokens', { token, body: { description: 'x' } }), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/users/tokens/not-an-id', { token }), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/tokens/revoke', { token, body: { token_id: 'short' } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/tokens/disable', { token, body: { token_id: 7 } }), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(holderClient.revokeUserAccessToken('a'.repeat(26)), 404, 'app.user_access_token.get_by_user.app_error');
    await expectAppError(th.adminClient.createUserAccessToken('b'.repeat(26), 'ghost'), 404, 'app.user.missing_account.const');
  });
});
