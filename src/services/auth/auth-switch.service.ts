import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import { P } from '../../model/permissions.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Mailer } from '../mail/mailer.js';
import { mailContext, signInChangedMail } from '../mail/templates.js';
import type { AuditService } from '../users/audit.service.js';
import type { PasswordService } from '../users/password.service.js';
import type { LoginService } from './login.service.js';
import type { SessionService } from './session.service.js';

/** Mattermost's SwitchRequest, with its JSON names. */
export interface SwitchRequest {
  current_service?: string | undefined;
  new_service?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  new_password?: string | undefined;
  mfa_code?: string | undefined;
  ldap_id?: string | undefined;
}

/** Mattermost's UserAuth: the login provider of an account and the account's id there. */
export interface UserAuth {
  auth_data?: string | null | undefined;
  auth_service?: string | undefined;
}

const EMAIL = 'email';
const LDAP = 'ldap';
// Providers a password account may move to and back from through /users/login/switch.
const OAUTH_SERVICES = new Set(['saml', 'gitlab', 'google', 'office365', 'openid']);
const AUTH_DATA_MAX_LENGTH = 128;
const AUTH_SERVICE_MAX_LENGTH = 32;
/** Where Mattermost sends the client after a completed switch. */
export const SIGNIN_CHANGE_LINK = '/login?extra=signin_change';

export interface AuthSwitchServiceDeps {
  store: Store;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  sessions: SessionService;
  login: LoginService;
  passwords: PasswordService;
  mailer: Mailer;
  audits: AuditService;
}

/**
 * Moving an account between sign-in methods. Parley signs in with email and password only (no
 * LDAP, SAML or OAuth providers yet): moving back to a password works in full; moving to a
 * provider checks the password as Mattermost does and then answers that the provider is not
 * available, with Mattermost's 501 errors.
 */
export class AuthSwitchService {
  constructor(private readonly deps: AuthSwitchServiceDeps) {}

  /**
   * POST /users/login/switch.
   * @returns the link the client should follow
   * @throws AppError 400 switch_request, 401/400 credentials, 403, 404, 501 provider not available
   */
  async switchAccountType(ctx: RequestContext, request: SwitchRequest): Promise<string> {
    const current = request.current_service ?? '';
    const next = request.new_service ?? '';
    if (current === EMAIL && OAUTH_SERVICES.has(next)) return this.switchEmailToOAuth(request, next);
    if (OAUTH_SERVICES.has(current) && next === EMAIL) return this.switchOAuthToEmail(ctx, request);
    if (current === EMAIL && next === LDAP) return this.switchEmailToLdap(request);
    if (current === LDAP && next === EMAIL) return this.switchLdapToEmail(request);
    throw AppError.invalidParam('switch_request');
  }

  /**
   * PUT /users/{user_id}/auth: an administrator sets the account's provider and its id there. The
   * password is cleared, as in Mattermost, so the account then signs in through that provider only.
   * @throws AppError 403 (edit_other_users without manage_system), 400 invalid request / url / conflict, 404
   */
  async updateUserAuth(ctx: RequestContext, userId: string, auth: UserAuth): Promise<Required<Pick<UserAuth, 'auth_data' | 'auth_service'>>> {
    // Mattermost asks for a system admin and names edit_other_users in the error.
    if (!this.deps.permissions.isSystemAdmin(ctx)) throw AppError.forbidden(P.editOtherUsers);
    if (!isValidId(userId)) throw AppError.invalidUrlParam('user_id');
    const authData = auth.auth_data ?? '';
    const authService = auth.auth_service ?? '';
    if (authData === '' || authService === '') throw AppError.badRequest('api.user.update_user_auth.invalid_request');
    if (authData.length > AUTH_DATA_MAX_LENGTH) throw AppError.badRequest('model.user.is_valid.auth_data.app_error');
    if (authService.length > AUTH_SERVICE_MAX_LENGTH) throw AppError.invalidParam('auth_service');
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    const holder = await this.deps.store.users.findByAuthData(authData);
    if (holder && holder.id !== userId) throw AppError.badRequest('app.user.update_auth_data.email_exists.app_error');
    await this.deps.store.users.updateAuthData(userId, authService, authData, this.deps.clock.now());
    this.deps.sessions.forgetUser(userId);
    await this.deps.audits.record(ctx, userId, `/api/v4/users/${userId}/auth`, `updated user auth to service=${authService}`);
    return { auth_data: authData, auth_service: authService };
  }

  private async switchEmailToOAuth(request: SwitchRequest, service: string): Promise<string> {
    await this.checkPasswordAccount(request);
    // No OAuth or SAML provider can be enabled in Parley: Mattermost's answer for a provider that is off.
    throw new AppError('api.user.authorize_oauth_user.unsupported.app_error', 501, { details: `service=${service}` });
  }

  private async switchOAuthToEmail(ctx: RequestContext, request: SwitchRequest): Promise<string> {
    const session = ctx.session;
    if (!session) throw AppError.unauthorized('a session is required to move to email sign-in');
    this.requireEmailSignIn();
    const user = await this.userByEmail(request.email ?? '');
    if (user.id !== session.user_id) throw new AppError('api.user.oauth_to_email.context.app_error', 403);
    await this.deps.passwords.setPassword(ctx, user, request.new_password ?? '');
    await this.deps.mailer.sendQuietly(signInChangedMail(mailContext(this.deps.config.get()), user.email, 'email and password'));
    await this.deps.sessions.revokeAllForUser(user.id);
    await this.deps.audits.record(ctx, user.id, '/api/v4/users/login/switch', `success - ${request.current_service ?? ''} to email`);
    return SIGNIN_CHANGE_LINK;
  }

  private async switchEmailToLdap(request: SwitchRequest): Promise<string> {
    await this.checkPasswordAccount(request);
    throw new AppError('api.user.email_to_ldap.not_available.app_error', 501, { details: 'AD/LDAP sign-in is not available' });
  }

  private async switchLdapToEmail(request: SwitchRequest): Promise<string> {
    this.requireEmailSignIn();
    const user = await this.userByEmail(request.email ?? '');
    if (user.auth_service !== LDAP) throw AppError.badRequest('api.user.ldap_to_email.not_ldap_account.app_error');
    // The LDAP password cannot be checked without an AD/LDAP server.
    throw new AppError('api.user.ldap_to_email.not_available.app_error', 501, { details: 'AD/LDAP sign-in is not available' });
  }

  /** Mattermost's CheckPasswordAndAllCriteria: the checks of a password login (lockout, password, MFA, active, verified). */
  private async checkPasswordAccount(request: SwitchRequest): Promise<UserRecord> {
    const user = await this.userByEmail(request.email ?? '');
    return this.deps.login.authenticate({ id: user.id, password: request.password ?? '', token: request.mfa_code ?? '' });
  }

  private requireEmailSignIn(): void {
    const settings = this.deps.config.get().EmailSettings;
    if (!settings.EnableSignUpWithEmail) throw new AppError('api.user.auth_switch.not_available.email_signup_disabled.app_error', 403);
    if (!settings.EnableSignInWithEmail && !settings.EnableSignInWithUsername) {
      throw new AppError('api.user.auth_switch.not_available.login_disabled.app_error', 403);
    }
  }

  private async userByEmail(email: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findByEmail(email.toLowerCase());
    if (!user) throw AppError.notFound('app.user.missing_account.const', `email=${email}`);
    return user;
  }
}
