import { createHash } from 'node:crypto';
import type { Client4 } from '@mattermost/client';
import type { OAuthApp } from '@mattermost/types/integrations';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MovableClock } from '../helpers/clock.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { OAuthClientApp } from '../helpers/oauth-client-app.js';
import { grantPermissions } from '../helpers/roles.js';
import { newClient, rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper } from '../helpers/test-helper.js';

const TEN_MINUTES = 10 * 60 * 1000;

/** Client4 types this call as void; Mattermost answers {redirect}. */
async function allow(client: Client4, ...args: Parameters<Client4['authorizeOAuthApp']>): Promise<string> {
  const answer = (await client.authorizeOAuthApp(...args)) as unknown as { redirect: string };
  return answer.redirect;
}

describe('OAuth 2.0 provider', () => {
  let th: TestHelper;
  let clock: MovableClock;
  let clientApp: OAuthClientApp;
  let oauthApp: OAuthApp;
  /** A member who may register OAuth apps of their own (manage_oauth, not system-wide). */
  let manager: UserProfile;
  let managerClient: Client4;

  const authorizeQuery = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ response_type: 'code', client_id: oauthApp.id, redirect_uri: clientApp.callbackUrl, state: 'xyz', ...extra }).toString();

  const refresh = (refreshToken: unknown) =>
    clientApp.token({ grant_type: 'refresh_token', client_id: oauthApp.id, client_secret: oauthApp.client_secret, refresh_token: String(refreshToken) });

  /** The user allows the app through the web app's call and the browser follows the redirect to the client app. */
  async function runCodeFlow(client: Client4, state = 'state-1') {
    const redirect = await allow(client, 'code', oauthApp.id, clientApp.callbackUrl, state, '');
    return clientApp.follow(redirect);
  }

  beforeAll(async () => {
    clock = new MovableClock();
    th = await TestHelper.setup(undefined, { clock });
    await th.initBasic();
    clientApp = await OAuthClientApp.start(th.url);
    oauthApp = await th.adminClient.createOAuthApp({
      name: 'IMPulse OAuth',
      description: '-',
      homepage: 'https://impulse.example.com',
      callback_urls: [clientApp.callbackUrl],
      is_trusted: false,
    });
    clientApp.clientId = oauthApp.id;
    clientApp.clientSecret = oauthApp.client_secret;
    await grantPermissions(th.server, 'oauth_manager', ['manage_oauth']);
    manager = (await th.createUser()).user;
    await th.adminClient.updateUserRoles(manager.id, 'system_user oauth_manager');
    managerClient = await th.login(manager.username);
  });
  afterAll(async () => {
    await clientApp.close();
    await th.tearDown();
  });

  it('registers an app with a generated secret', () => {
    expect(oauthApp.id).toMatch(/^[a-z0-9]{26}$/);
    expect(oauthApp.client_secret).toMatch(/^[a-z0-9]{26}$/);
    expect(oauthApp).toMatchObject({ creator_id: th.systemAdminUser.id, is_trusted: false, callback_urls: [clientApp.callbackUrl] });
  });

  it('runs the authorization-code flow end to end: the token is a session of the user', async () => {
    const consent = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery()}`, { token: th.client.getToken() });
    expect(consent.status).toBe(200);
    expect(consent.headers.get('content-type')).toContain('text/html');
    expect(consent.text).toContain('IMPulse OAuth');

    const exchanged = await runCodeFlow(th.client, 'passthrough-state');
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ token_type: 'bearer', state: 'passthrough-state', scope: '', id_token: '' });
    expect(exchanged.body['expires_in']).toBe(720 * 60 * 60);
    const accessToken = String(exchanged.body['access_token']);
    const refreshToken = String(exchanged.body['refresh_token']);
    expect(refreshToken).toMatch(/^[a-z0-9]{26}$/);

    expect((await newClient(th.url, accessToken).getMe()).id).toBe(th.basicUser.id);
    // OAuth tokens may also travel in the query string.
    const byQuery = await rawRequest(th.url, 'GET', `/api/v4/users/me?access_token=${accessToken}`);
    expect(byQuery.status).toBe(200);
    expect(byQuery.json.id).toBe(th.basicUser.id);
    const sessions = await th.client.getSessions(th.basicUser.id);
    expect(sessions.find((s) => s.is_oauth)?.props).toMatchObject({ oauth_app_id: oauthApp.id, os: 'OAuth2', platform: 'IMPulse OAuth' });
  });

  it('works for a browser: cookie session, consent page, the page\'s CSRF-protected call', async () => {
    const browserUser = (await th.createUser()).user;
    const login = await fetch(`${th.url}/api/v4/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      body: JSON.stringify({ login_id: browserUser.username, password: DEFAULT_PASSWORD }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const cookie = cookies.join('; ');
    const csrf = (cookies.find((c) => c.startsWith('MMCSRF=')) ?? '').slice('MMCSRF='.length);
    const page = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery()}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const body = { response_type: 'code', client_id: oauthApp.id, redirect_uri: clientApp.callbackUrl, state: 'browser', scope: '' };
    const forged = await rawRequest(th.url, 'POST', '/oauth/authorize', { headers: { Cookie: cookie }, body });
    expect(forged.status).toBe(401);
    const allowed = await rawRequest(th.url, 'POST', '/oauth/authorize', { headers: { Cookie: cookie, 'X-CSRF-Token': csrf }, body });
    expect(allowed.status).toBe(200);
    const exchanged = await clientApp.follow(String(allowed.json.redirect));
    expect(exchanged.body['state']).toBe('browser');
    expect((await newClient(th.url, String(exchanged.body['access_token'])).getMe()).id).toBe(browserUser.id);
  });

  it('uses a code once', async () => {
    const first = await runCodeFlow(th.client);
    expect(first.status).toBe(200);
    const again = await clientApp.token({
      grant_type: 'authorization_code',
      client_id: oauthApp.id,
      client_secret: oauthApp.client_secret,
      code: String(first.body['code']),
      redirect_uri: clientApp.callbackUrl,
    });
    expect(again.status).toBe(400);
    expect(again.body['id']).toBe('api.oauth.get_access_token.expired_code.app_error');
  });

  it('refuses a code after ten minutes', async () => {
    const redirect = await allow(th.client, 'code', oauthApp.id, clientApp.callbackUrl, 's', '');
    clock.advance(TEN_MINUTES + 1000);
    const late = await clientApp.follow(redirect);
    expect(late.status).toBe(403);
    expect(late.body['id']).toBe('api.oauth.get_access_token.expired_code.app_error');
  });

  it('drops the pending codes of a deactivated user', async () => {
    const leaving = (await th.createUser()).user;
    const leavingClient = await th.login(leaving.username);
    const redirect = await allow(leavingClient, 'code', oauthApp.id, clientApp.callbackUrl, 's', '');
    await th.adminClient.updateUserActive(leaving.id, false);
    const exchanged = await clientApp.follow(redirect);
    expect([exchanged.status, exchanged.body['id']]).toEqual([400, 'api.oauth.get_access_token.expired_code.app_error']);
  });

  it('refreshes: a new token works and the old one stops', async () => {
    const first = await runCodeFlow(th.client2);
    const oldToken = String(first.body['access_token']);
    const refreshed = await refresh(first.body['refresh_token']);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body['refresh_token']).not.toBe(first.body['refresh_token']);
    expect((await newClient(th.url, String(refreshed.body['access_token'])).getMe()).id).toBe(th.basicUser2.id);
    await expectAppError(newClient(th.url, oldToken).getMe(), 401, 'api.context.session_expired.app_error');
    // The refresh token was rotated: the old one is spent.
    const reused = await refresh(first.body['refresh_token']);
    expect(reused.status).toBe(404);
    expect(reused.body['id']).toBe('api.oauth.get_access_token.refresh_token.app_error');
  });

  it('refuses a wrong secret or redirect URI with Mattermost errors', async () => {
    const redirect = await allow(th.client, 'code', oauthApp.id, clientApp.callbackUrl, 's', '');
    const code = new URL(redirect).searchParams.get('code') ?? '';
    const base = { grant_type: 'authorization_code', client_id: oauthApp.id, code, redirect_uri: clientApp.callbackUrl };

    const wrongSecret = await rawRequest(th.url, 'POST', '/oauth/access_token', {
      body: new URLSearchParams({ ...base, client_secret: 'wrong' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectErrorBody(wrongSecret, 401, 'model.oauth.validate_grant.credentials.app_error');

    const wrongRedirect = await clientApp.token({ ...base, client_secret: oauthApp.client_secret, redirect_uri: `${clientApp.callbackUrl}/other` });
    expect(wrongRedirect.status).toBe(400);
    expect(wrongRedirect.body['id']).toBe('api.oauth.get_access_token.redirect_uri.app_error');

    // The refused attempts did not spend the code.
    const right = await clientApp.token({ ...base, client_secret: oauthApp.client_secret });
    expect(right.status).toBe(200);
  });

  it('answers malformed token requests with 400s', async () => {
    const form = (body: string) =>
      rawRequest(th.url, 'POST', '/oauth/access_token', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectErrorBody(await form('grant_type=password'), 400, 'api.oauth.get_access_token.bad_grant.app_error');
    expectErrorBody(await form('grant_type=authorization_code'), 400, 'api.oauth.get_access_token.missing_code.app_error');
    expectErrorBody(await form('grant_type=refresh_token'), 400, 'api.oauth.get_access_token.missing_refresh_token.app_error');
    expectErrorBody(await form('grant_type=authorization_code&code=x&client_id=nope'), 400, 'api.oauth.get_access_token.bad_client_id.app_error');
    expectErrorBody(await form('grant_type=%zz'), 400, 'api.oauth.get_access_token.bad_request.app_error');
    expectErrorBody(
      await form(`grant_type=authorization_code&code=x&client_id=${'a'.repeat(26)}`),
      404,
      'api.oauth.get_access_token.credentials.app_error',
    );
    // A JSON body is not a form: Mattermost reads nothing from it.
    const json = await rawRequest(th.url, 'POST', '/oauth/access_token', { body: { grant_type: 'authorization_code' } });
    expectErrorBody(json, 400, 'api.oauth.get_access_token.bad_grant.app_error');
  });

  it('redirects an already authorized user straight back with a code', async () => {
    await runCodeFlow(th.client);
    const again = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery({ state: 'second' })}`, { token: th.client.getToken() });
    expect(again.status).toBe(302);
    const location = new URL(again.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(clientApp.callbackUrl);
    expect(location.searchParams.get('state')).toBe('second');
    expect(location.searchParams.get('code')).toMatch(/^[a-z0-9]{52}$/);
  });

  it('skips consent for trusted apps and sends signed-out browsers to the login page', async () => {
    const trusted = await th.adminClient.createOAuthApp({
      name: 'Trusted',
      description: '',
      homepage: 'https://trusted.example.com',
      callback_urls: [clientApp.callbackUrl],
      is_trusted: true,
    });
    expect(trusted.is_trusted).toBe(true);
    const query = new URLSearchParams({ response_type: 'code', client_id: trusted.id, redirect_uri: clientApp.callbackUrl, state: 't' });
    const direct = await rawRequest(th.url, 'GET', `/oauth/authorize?${query.toString()}`, { token: th.client2.getToken() });
    expect(direct.status).toBe(302);
    expect(direct.headers.get('location')).toContain(`${clientApp.callbackUrl}?code=`);

    const anonymous = await rawRequest(th.url, 'GET', `/oauth/authorize?${query.toString()}`);
    expect(anonymous.status).toBe(302);
    const login = new URL(anonymous.headers.get('location') ?? '');
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('redirect_to')).toBe(`/oauth/authorize?${query.toString()}`);
    const page = await rawRequest(th.url, 'GET', `${login.pathname}${login.search}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/v4/users/login');
  });

  it('shows authorization errors to browsers as pages with Mattermost statuses', async () => {
    const token = th.client.getToken();
    const badRedirect = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example.com/cb' })}`, { token });
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get('content-type')).toContain('text/html');
    const noClient = await rawRequest(th.url, 'GET', '/oauth/authorize?response_type=code&redirect_uri=https://x.example.com', { token });
    expect(noClient.status).toBe(400);
    const unknown = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery({ client_id: 'b'.repeat(26) })}`, { token });
    expect(unknown.status).toBe(404);
    await expectAppError(
      th.client.authorizeOAuthApp('code', oauthApp.id, 'https://evil.example.com/cb', 's', ''),
      400,
      'api.oauth.allow_oauth.redirect_callback.app_error',
    );
    await expectAppError(th.client.authorizeOAuthApp('', oauthApp.id, clientApp.callbackUrl, 's', ''), 400, 'model.authorize.is_valid.response_type.app_error');
    const unsupported = await allow(th.client, 'id_token', oauthApp.id, clientApp.callbackUrl, 's', '');
    expect(unsupported).toBe(`${clientApp.callbackUrl}?error=unsupported_response_type&state=s`);
  });

  it('refuses to let an OAuth session authorize apps', async () => {
    const exchanged = await runCodeFlow(th.client);
    const oauthClient = newClient(th.url, String(exchanged.body['access_token']));
    await expectAppError(oauthClient.authorizeOAuthApp('code', oauthApp.id, clientApp.callbackUrl, 's', ''), 403, 'api.context.permissions.app_error');
  });

  it('lists authorized apps and revokes everything on deauthorize', async () => {
    const user = (await th.createUser()).user;
    const userClient = await th.login(user.username);
    const exchanged = await runCodeFlow(userClient);
    const tokenClient = newClient(th.url, String(exchanged.body['access_token']));
    await tokenClient.getMe();

    const authorized = await userClient.getAuthorizedOAuthApps(user.id);
    expect(authorized.map((a) => a.id)).toEqual([oauthApp.id]);
    expect(authorized[0]?.client_secret).toBe('');
    await expectAppError(th.client.getAuthorizedOAuthApps(user.id), 403, 'api.context.permissions.app_error');

    await userClient.deauthorizeOAuthApp(oauthApp.id);
    await expectAppError(tokenClient.getMe(), 401, 'api.context.session_expired.app_error');
    expect(await userClient.getAuthorizedOAuthApps(user.id)).toEqual([]);
    const refreshed = await refresh(exchanged.body['refresh_token']);
    expect(refreshed.status).toBe(404);
    // Consent is asked again.
    const consent = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery()}`, { token: userClient.getToken() });
    expect(consent.status).toBe(200);
    const bad = await rawRequest(th.url, 'POST', '/oauth/deauthorize', { token: userClient.getToken(), body: { client_id: 'nope' } });
    expectErrorBody(bad, 400, 'api.context.invalid_body_param.app_error');
  });

  it('supports public clients with PKCE and no refresh token', async () => {
    const created = await rawRequest(th.url, 'POST', '/api/v4/oauth/apps', {
      token: th.adminClient.getToken(),
      body: { name: 'CLI', description: '', homepage: 'https://cli.example.com', callback_urls: [clientApp.callbackUrl], is_public: true },
    });
    expect(created.status).toBe(201);
    const pub = created.json as OAuthApp;
    expect(pub.client_secret).toBe('');
    await expectAppError(th.adminClient.regenOAuthAppSecret(pub.id), 400, 'api.oauth.regenerate_secret.public_client.app_error');
    // Without a challenge a public client may not start the code flow.
    await expectAppError(th.client.authorizeOAuthApp('code', pub.id, clientApp.callbackUrl, 's', ''), 400, 'api.oauth.allow_oauth.pkce_required_public.app_error');

    const verifier = 'v'.repeat(20) + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = await allow(th.client, 'code', pub.id, clientApp.callbackUrl, 's', '', undefined, challenge, 'S256');
    const code = new URL(redirect).searchParams.get('code') ?? '';
    const fields = { grant_type: 'authorization_code', client_id: pub.id, code, redirect_uri: clientApp.callbackUrl };
    const noVerifier = await clientApp.token(fields);
    expect([noVerifier.status, noVerifier.body['id']]).toEqual([400, 'model.oauth.validate_grant.pkce_required.app_error']);
    const wrongVerifier = await clientApp.token({ ...fields, code_verifier: 'w'.repeat(43) });
    expect([wrongVerifier.status, wrongVerifier.body['id']]).toEqual([400, 'model.authorize.validate_pkce.verification_failed.app_error']);
    const ok = await clientApp.token({ ...fields, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body['refresh_token']).toBe('');
    expect((await newClient(th.url, String(ok.body['access_token'])).getMe()).id).toBe(th.basicUser.id);
  });

  it('lets app managers handle their own apps and only system-wide managers everyone\'s', async () => {
    await expectAppError(
      th.client.createOAuthApp({ name: 'x', homepage: 'https://x.example.com', callback_urls: ['https://x.example.com/cb'] } as OAuthApp),
      403,
      'api.context.permissions.app_error',
    );
    await expectAppError(th.client.getOAuthApps(), 403, 'api.command.admin_only.app_error');

    const own = await managerClient.createOAuthApp({
      name: 'Mine',
      description: 'd',
      homepage: 'https://mine.example.com',
      callback_urls: ['https://mine.example.com/cb'],
      is_trusted: true,
    });
    // Only system admins may mark an app trusted.
    expect(own.is_trusted).toBe(false);
    expect((await managerClient.getOAuthApps()).map((a) => a.id)).toEqual([own.id]);
    expect((await th.adminClient.getOAuthApps(0, 200)).map((a) => a.id)).toContain(own.id);

    await expectAppError(managerClient.getOAuthApp(oauthApp.id), 403, 'api.context.permissions.app_error');
    await expectAppError(managerClient.editOAuthApp({ ...oauthApp, name: 'stolen' }), 403, 'api.context.permissions.app_error');
    await expectAppError(managerClient.regenOAuthAppSecret(oauthApp.id), 403, 'api.context.permissions.app_error');
    await expectAppError(managerClient.deleteOAuthApp(oauthApp.id), 403, 'api.context.permissions.app_error');

    const edited = await managerClient.editOAuthApp({ ...own, name: 'Mine, renamed', is_trusted: true });
    expect(edited).toMatchObject({ name: 'Mine, renamed', is_trusted: false, client_secret: own.client_secret, creator_id: manager.id });
    const regenerated = await managerClient.regenOAuthAppSecret(own.id);
    expect(regenerated.client_secret).not.toBe(own.client_secret);
    // Anyone signed in may read what the consent screen shows, never the secret.
    const info = await th.client.getOAuthAppInfo(own.id);
    expect(info).toMatchObject({ id: own.id, name: 'Mine, renamed', client_secret: '' });

    await managerClient.deleteOAuthApp(own.id);
    await expectAppError(th.adminClient.getOAuthApp(own.id), 404, 'app.oauth.get_app.find.app_error');
  });

  it('revokes the tokens of a deleted app', async () => {
    const doomed = await th.adminClient.createOAuthApp({
      name: 'Doomed',
      homepage: 'https://doomed.example.com',
      callback_urls: [clientApp.callbackUrl],
    } as OAuthApp);
    const redirect = await allow(th.client, 'code', doomed.id, clientApp.callbackUrl, 's', '');
    const exchanged = await clientApp.token({
      grant_type: 'authorization_code',
      client_id: doomed.id,
      client_secret: doomed.client_secret,
      code: new URL(redirect).searchParams.get('code') ?? '',
      redirect_uri: clientApp.callbackUrl,
    });
    const tokenClient = newClient(th.url, String(exchanged.body['access_token']));
    await tokenClient.getMe();
    await th.adminClient.deleteOAuthApp(doomed.id);
    await expectAppError(tokenClient.getMe(), 401, 'api.context.session_expired.app_error');
  });

  it('validates apps with Mattermost error ids', async () => {
    const base = { name: 'ok', homepage: 'https://ok.example.com', callback_urls: ['https://ok.example.com/cb'] };
    const create = (app: Record<string, unknown>) => th.adminClient.createOAuthApp(app as unknown as OAuthApp);
    await expectAppError(create({ ...base, name: '' }), 400, 'model.oauth.is_valid.name.app_error');
    await expectAppError(create({ ...base, callback_urls: [] }), 400, 'model.oauth.is_valid.callback.app_error');
    await expectAppError(create({ ...base, callback_urls: ['ftp://x.example.com'] }), 400, 'model.oauth.is_valid.callback.app_error');
    await expectAppError(create({ ...base, homepage: 'not a url' }), 400, 'model.oauth.is_valid.homepage.app_error');
    await expectAppError(create({ ...base, icon_url: 'nope' }), 400, 'model.oauth.is_valid.icon_url.app_error');
    await expectAppError(create({ ...base, description: 'd'.repeat(513) }), 400, 'model.oauth.is_valid.description.app_error');
    await expectAppError(create({ ...base, callback_urls: 'https://ok.example.com/cb' }), 400, 'api.context.invalid_body_param.app_error');

    const token = th.adminClient.getToken();
    expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/oauth/apps/not-an-id', { token }), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/oauth/apps', { token, body: '{"name":' }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(
      await rawRequest(th.url, 'PUT', `/api/v4/oauth/apps/${oauthApp.id}`, { token, body: { ...oauthApp, id: 'c'.repeat(26) } }),
      400,
      'api.context.invalid_body_param.app_error',
    );
  });

  it('answers 501 while the OAuth provider is switched off', async () => {
    th.updateConfig((c) => {
      c.ServiceSettings.EnableOAuthServiceProvider = false;
    });
    try {
      await expectAppError(
        th.adminClient.createOAuthApp({ name: 'x', homepage: 'https://x.example.com', callback_urls: ['https://x.example.com/cb'] } as OAuthApp),
        501,
        'api.oauth.register_oauth_app.turn_off.app_error',
      );
      await expectAppError(th.adminClient.getOAuthApps(), 501, 'api.oauth.allow_oauth.turn_off.app_error');
      await expectAppError(th.adminClient.getOAuthApp(oauthApp.id), 501, 'api.oauth.allow_oauth.turn_off.app_error');
      await expectAppError(th.client.authorizeOAuthApp('code', oauthApp.id, clientApp.callbackUrl, 's', ''), 501, 'api.oauth.allow_oauth.turn_off.app_error');
      const page = await rawRequest(th.url, 'GET', `/oauth/authorize?${authorizeQuery()}`, { token: th.client.getToken() });
      expect(page.status).toBe(501);
      const token = await clientApp.token({ grant_type: 'refresh_token', client_id: oauthApp.id, refresh_token: 'x' });
      expect([token.status, token.body['id']]).toEqual([501, 'api.oauth.get_access_token.disabled.app_error']);
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableOAuthServiceProvider = true;
      });
    }
  });
});
