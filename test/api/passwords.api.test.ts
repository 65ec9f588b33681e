import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/lib/hash.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { MailCatcher, linkParam } from '../helpers/mail-catcher.js';
import { rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

const NEW_PASSWORD = 'An0ther-long-one';

// The client's UserProfile type leaves out email_verified, which the server sends to the user themself.
const isVerified = (user: UserProfile): boolean => (user as UserProfile & { email_verified?: boolean }).email_verified === true;
const DAY = 24 * 60 * 60 * 1000;

describe('passwords, mailed links and sign-in method', () => {
  let th: TestHelper;
  let mail: MailCatcher;

  beforeAll(async () => {
    mail = await MailCatcher.start();
    th = await TestHelper.setup((config) => {
      config.ServiceSettings.SiteURL = 'http://parley.test';
      config.EmailSettings.SMTPServer = '127.0.0.1';
      config.EmailSettings.SMTPPort = String(mail.port);
      config.EmailSettings.FeedbackName = 'Parley Team';
      config.EmailSettings.FeedbackEmail = 'noreply@parley.test';
    });
    await th.initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
    await mail.close();
  });

  async function freshUser() {
    const { user, password } = await th.createUser();
    return { user, password, client: await th.login(user.username, password) };
  }

  describe('PUT /users/{id}/password', () => {
    it('changes one\'s own password with the current one, keeps this session and ends the others', async () => {
      const { user, client } = await freshUser();
      const elsewhere = await th.login(user.username);

      await expectAppError(client.updateUserPassword(user.id, 'not-my-password', NEW_PASSWORD), 400, 'api.user.update_password.incorrect.app_error');
      await client.updateUserPassword(user.id, DEFAULT_PASSWORD, NEW_PASSWORD);

      expect((await client.getMe()).id).toBe(user.id);
      await expectAppError(elsewhere.getMe(), 401, 'api.context.session_expired.app_error');
      await expectAppError(th.login(user.username, DEFAULT_PASSWORD), 401, 'api.user.login.invalid_credentials_email_username');
      expect((await (await th.login(user.username, NEW_PASSWORD)).getMe()).id).toBe(user.id);

      const notice = mail.lastTo(user.email);
      expect(notice.subject).toContain('password was changed');
      expect(notice.headers['from']).toContain('noreply@parley.test');
      const audits = await client.getUserAudits(user.id);
      expect(audits.some((a) => a.action === `/api/v4/users/${user.id}/password` && a.extra_info === 'completed')).toBe(true);
    });

    it('counts a wrong current password as a failed attempt', async () => {
      const { user, client } = await freshUser();
      await expectAppError(client.updateUserPassword(user.id, 'wrong-one', NEW_PASSWORD), 400, 'api.user.update_password.incorrect.app_error');
      expect((await client.getMe()).failed_attempts).toBe(1);
    });

    it('requires the current password and a valid new one', async () => {
      const { user, client } = await freshUser();
      const token = client.getToken();
      const path = `/api/v4/users/${user.id}/password`;
      expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: { new_password: NEW_PASSWORD } }), 400, 'api.context.invalid_body_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: '{"current_password":' }), 400, 'api.context.invalid_body_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: { current_password: 1, new_password: NEW_PASSWORD } }), 400, 'api.context.invalid_body_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'PUT', '/api/v4/users/bad-id/password', { token, body: { current_password: DEFAULT_PASSWORD, new_password: NEW_PASSWORD } }), 400, 'api.context.invalid_url_param.app_error');
      await expectAppError(client.updateUserPassword(user.id, DEFAULT_PASSWORD, 'short'), 400, 'model.user.is_valid.pwd.app_error');
    });

    it('lets an administrator set another user\'s password without the current one, and nobody else', async () => {
      const { user } = await freshUser();
      await expectAppError(th.client.updateUserPassword(user.id, '', NEW_PASSWORD), 403, 'api.user.update_password.context.app_error');
      await th.adminClient.updateUserPassword(user.id, '', NEW_PASSWORD);
      await th.login(user.username, NEW_PASSWORD);

      const hashedByUser = await rawRequest(th.url, 'PUT', `/api/v4/users/${th.basicUser.id}/password`, {
        token: th.client.getToken(),
        body: { new_password: '$2a$10$abcdefghijklmnopqrstuv', already_hashed: 'true' },
      });
      expectErrorBody(hashedByUser, 401, 'api.user.update_password.user_and_hashed.app_error');
    });
  });

  describe('password reset by mail', () => {
    it('answers 200 for unknown addresses and sends nothing', async () => {
      const before = mail.messages.length;
      await th.anonymousClient().sendPasswordResetEmail(`${uniqueName('ghost')}@example.com`);
      expect(mail.messages.length).toBe(before);
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/password/reset/send', { body: {} }), 400, 'api.context.invalid_body_param.app_error');
    });

    it('resets the password with the mailed token once, clears the lockout and ends every session', async () => {
      const { user, client } = await freshUser();
      await th.anonymousClient().login(user.username, 'wrong').catch(() => undefined);
      await th.anonymousClient().sendPasswordResetEmail(user.email.toUpperCase());

      const resetMail = mail.lastTo(user.email);
      expect(resetMail.text).toContain('http://parley.test/reset_password_complete?token=');
      expect(resetMail.html).toContain('reset_password_complete');
      const token = linkParam(resetMail, 'token');
      expect(token).toHaveLength(64);

      // A password that breaks the rules leaves the token usable.
      await expectAppError(th.anonymousClient().resetUserPassword(token, 'short'), 400, 'model.user.is_valid.pwd.app_error');
      await th.anonymousClient().resetUserPassword(token, NEW_PASSWORD);
      await expectAppError(th.anonymousClient().resetUserPassword(token, 'Yet-another-1'), 400, 'api.user.reset_password.invalid_link.app_error');

      await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
      const me = await (await th.login(user.username, NEW_PASSWORD)).getMe();
      expect(me.failed_attempts ?? 0).toBe(0);
    });

    it('keeps only the newest reset token of a user', async () => {
      const { user } = await freshUser();
      await th.anonymousClient().sendPasswordResetEmail(user.email);
      const first = linkParam(mail.lastTo(user.email), 'token');
      await th.anonymousClient().sendPasswordResetEmail(user.email);
      const second = linkParam(mail.lastTo(user.email), 'token');
      await expectAppError(th.anonymousClient().resetUserPassword(first, NEW_PASSWORD), 400, 'api.user.reset_password.invalid_link.app_error');
      await th.anonymousClient().resetUserPassword(second, NEW_PASSWORD);
    });

    it('refuses malformed, unknown, expired and misused tokens', async () => {
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/password/reset', { body: { token: 'short', new_password: NEW_PASSWORD } }), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(th.anonymousClient().resetUserPassword('x'.repeat(64), NEW_PASSWORD), 400, 'api.user.reset_password.invalid_link.app_error');

      // A token issued 25 hours ago, written straight into the tokens table.
      const { user } = await freshUser();
      const old = 'e'.repeat(64);
      const extra = JSON.stringify({ UserId: user.id, Email: user.email });
      await th.server.app.database.db
        .insertInto('tokens')
        .values({ token_hash: hashToken(old), create_at: Date.now() - DAY - 60 * 60 * 1000, type: 'password_recovery', extra })
        .execute();
      await expectAppError(th.anonymousClient().resetUserPassword(old, NEW_PASSWORD), 400, 'api.user.reset_password.link_expired.app_error');

      // A verification token is not a reset token.
      await th.anonymousClient().sendVerificationEmail(user.email);
      const verifyToken = linkParam(mail.lastTo(user.email), 'token');
      await expectAppError(th.anonymousClient().resetUserPassword(verifyToken, NEW_PASSWORD), 400, 'api.user.reset_password.broken_token.app_error');
    });
  });

  describe('email verification', () => {
    it('verifies the address with the mailed token, once', async () => {
      const { user, client } = await freshUser();
      expect(isVerified(await client.getMe())).toBe(false);
      await th.anonymousClient().sendVerificationEmail(user.email);
      const verifyMail = mail.lastTo(user.email);
      expect(verifyMail.text).toContain(`/do_verify_email?token=`);
      const token = linkParam(verifyMail, 'token');

      await th.anonymousClient().verifyUserEmail(token);
      expect(isVerified(await client.getMe())).toBe(true);
      await expectAppError(th.anonymousClient().verifyUserEmail(token), 400, 'api.user.verify_email.bad_link.app_error');
    });

    it('answers 200 whatever the address and refuses bad tokens', async () => {
      await th.anonymousClient().sendVerificationEmail(`${uniqueName('nobody')}@example.com`);
      await expectAppError(th.anonymousClient().verifyUserEmail('z'.repeat(64)), 400, 'api.user.verify_email.bad_link.app_error');
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/email/verify', { body: { token: 'abc' } }), 400, 'api.context.invalid_body_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/email/verify/send', { body: { email: '' } }), 400, 'api.context.invalid_body_param.app_error');
    });

    it('with RequireEmailVerification, mails new signups a link and refuses login until it is used', async () => {
      th.updateConfig((c) => {
        c.EmailSettings.RequireEmailVerification = true;
        c.TeamSettings.EnableOpenServer = true;
      });
      try {
        const username = uniqueName('signup');
        const email = `${username}@example.com`;
        await th.anonymousClient().createUser({ username, email, password: DEFAULT_PASSWORD } as never, '', '');
        const welcome = mail.lastTo(email);
        expect(welcome.subject).toContain('Welcome');
        await expectAppError(th.login(username), 401, 'api.user.login.not_verified.app_error');

        await th.anonymousClient().verifyUserEmail(linkParam(welcome, 'token'));
        expect(isVerified(await (await th.login(username)).getMe())).toBe(true);
      } finally {
        th.updateConfig((c) => {
          c.EmailSettings.RequireEmailVerification = false;
          c.TeamSettings.EnableOpenServer = false;
        });
      }
    });

    it('lets an administrator mark an address verified', async () => {
      const { user } = await freshUser();
      const refused = await rawRequest(th.url, 'POST', `/api/v4/users/${user.id}/email/verify/member`, { token: th.client.getToken() });
      expectErrorBody(refused, 403, 'api.context.permissions.app_error');
      const verified = await rawRequest(th.url, 'POST', `/api/v4/users/${user.id}/email/verify/member`, { token: th.adminClient.getToken() });
      expect(verified.status).toBe(200);
      expect((verified.json as { email_verified: boolean }).email_verified).toBe(true);
    });
  });

  describe('sign-in method', () => {
    it('lets only a system admin set auth data, which ends password sign-in', async () => {
      const { user, client } = await freshUser();
      await expectAppError(th.client.updateUserAuth(user.id, { auth_data: 'gl-1', auth_service: 'gitlab' }), 403, 'api.context.permissions.app_error');
      await expectAppError(th.adminClient.updateUserAuth(user.id, { auth_service: 'gitlab' }), 400, 'api.user.update_user_auth.invalid_request');

      const auth = await th.adminClient.updateUserAuth(user.id, { auth_data: `gl-${user.id}`, auth_service: 'gitlab' });
      expect(auth).toEqual({ auth_data: `gl-${user.id}`, auth_service: 'gitlab' });
      await expectAppError(th.login(user.username), 401);
      const other = await freshUser();
      await expectAppError(th.adminClient.updateUserAuth(other.user.id, { auth_data: `gl-${user.id}`, auth_service: 'gitlab' }), 400, 'app.user.update_auth_data.email_exists.app_error');

      // Back to email and password through /users/login/switch, from the session the user still has.
      const switched = await client.switchOAuthToEmail('gitlab', user.email, NEW_PASSWORD);
      expect(switched.follow_link).toBe('/login?extra=signin_change');
      await expectAppError(client.getMe(), 401, 'api.context.session_expired.app_error');
      const me = await (await th.login(user.username, NEW_PASSWORD)).getMe();
      expect(me.auth_service).toBe('');
    });

    it('checks the password, then answers 501 for providers Parley does not have', async () => {
      const { user } = await freshUser();
      const anonymous = th.anonymousClient();
      await expectAppError(anonymous.switchEmailToOAuth('gitlab', user.email, 'wrong-password'), 401, 'api.user.check_user_password.invalid.app_error');
      await expectAppError(anonymous.switchEmailToOAuth('gitlab', user.email, DEFAULT_PASSWORD), 501, 'api.user.authorize_oauth_user.unsupported.app_error');
      await expectAppError(anonymous.switchEmailToOAuth('saml', user.email, DEFAULT_PASSWORD), 501, 'api.user.authorize_oauth_user.unsupported.app_error');
      await expectAppError(anonymous.switchEmailToLdap(user.email, DEFAULT_PASSWORD, 'ldap-id', 'ldap-pass'), 501, 'api.user.email_to_ldap.not_available.app_error');
      await expectAppError(anonymous.switchLdapToEmail('ldap-pass', user.email, NEW_PASSWORD), 400, 'api.user.ldap_to_email.not_ldap_account.app_error');
      await expectAppError(anonymous.switchOAuthToEmail('gitlab', user.email, NEW_PASSWORD), 401, 'api.context.session_expired.app_error');
      await expectAppError(th.client.switchOAuthToEmail('gitlab', user.email, NEW_PASSWORD), 403, 'api.user.oauth_to_email.context.app_error');
      await expectAppError(anonymous.switchEmailToOAuth('gitlab', `${uniqueName('none')}@example.com`, DEFAULT_PASSWORD), 404, 'app.user.missing_account.const');
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/login/switch', { body: { current_service: 'email', new_service: 'email' } }), 400, 'api.context.invalid_body_param.app_error');
      expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/login/switch', { body: '{"email":' }), 400, 'api.context.invalid_body_param.app_error');
      // The account is untouched.
      await th.login(user.username, DEFAULT_PASSWORD);
    });
  });
});
