import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { P, ROLE_NAMES } from '../../model/permissions.js';
import { hasRole, type UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { SessionService } from '../auth/session.service.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Mailer } from '../mail/mailer.js';
import { mailContext, passwordChangedMail, passwordResetMail } from '../mail/templates.js';
import type { AuditService } from './audit.service.js';
import { TOKEN_TYPE_PASSWORD_RECOVERY, type OneTimeTokens } from './one-time-token.js';
import { doubleCheckPassword, hashPassword, validatePassword } from './password.js';

export interface UpdatePasswordInput {
  current_password?: string | undefined;
  new_password?: string | undefined;
  /** "true" when `new_password` is already a bcrypt hash (migrations from another server). */
  already_hashed?: string | undefined;
}

export interface PasswordServiceDeps {
  store: Store;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  sessions: SessionService;
  mailer: Mailer;
  audits: AuditService;
  tokens: OneTimeTokens;
}

/** Password changes and the mailed reset flow, with Mattermost's rules and error ids. */
export class PasswordService {
  constructor(private readonly deps: PasswordServiceDeps) {}

  /**
   * PUT /users/{user_id}/password. One's own password needs the current one; someone else's needs
   * sysconsole_write_user_management_users (manage_system when the target is a system admin).
   * @throws AppError 400 current_password / incorrect / oauth / pwd rules, 401 lockout, 403 api.user.update_password.context.app_error
   */
  async updatePassword(ctx: RequestContext, userId: string, input: UpdatePasswordInput): Promise<void> {
    const user = await this.deps.store.users.findById(userId);
    const canUpdateOthers = user !== undefined && this.canSetPasswordOf(ctx, user);
    const isSelf = callerId(ctx) === userId;
    const newPassword = input.new_password ?? '';
    if (input.already_hashed === 'true') {
      if (canUpdateOthers && user) {
        await this.deps.store.users.updatePassword(user.id, newPassword, this.deps.clock.now());
      } else if (isSelf) {
        throw new AppError('api.user.update_password.user_and_hashed.app_error', 401);
      } else {
        throw new AppError('api.user.update_password.context.app_error', 403);
      }
    } else if (isSelf && user) {
      const current = input.current_password ?? '';
      if (current === '') throw AppError.invalidParam('current_password');
      await this.updatePasswordAsUser(ctx, user, current, newPassword);
    } else if (canUpdateOthers && user) {
      await this.setPassword(ctx, user, newPassword, 'by a system administrator');
    } else {
      throw new AppError('api.user.update_password.context.app_error', 403);
    }
    await this.deps.audits.record(ctx, userId, `/api/v4/users/${userId}/password`, 'completed');
  }

  /**
   * POST /users/password/reset/send. Unknown addresses are not an error (the answer must not tell
   * which accounts exist); SSO accounts have no password to reset.
   * @returns whether a mail went out
   * @throws AppError 400 api.user.send_password_reset.sso.app_error, 500 api.user.send_password_reset.send.app_error
   */
  async sendPasswordReset(ctx: RequestContext, email: string): Promise<boolean> {
    const user = await this.deps.store.users.findByEmail(email.toLowerCase());
    if (!user) return false;
    if (user.remote_id) throw AppError.badRequest('api.user.send_password_reset.send.app_error', `user_id=${user.id}`);
    if (user.auth_data) throw AppError.badRequest('api.user.send_password_reset.sso.app_error', `user_id=${user.id}`);
    const token = await this.deps.tokens.create(TOKEN_TYPE_PASSWORD_RECOVERY, { UserId: user.id, Email: user.email }, true);
    let sent: boolean;
    try {
      sent = await this.deps.mailer.send(passwordResetMail(mailContext(this.deps.config.get()), user.email, token));
    } catch (error) {
      throw new AppError('api.user.send_password_reset.send.app_error', 500, { cause: error, details: String(error) });
    }
    if (sent) await this.deps.audits.record(ctx, user.id, '/api/v4/users/password/reset/send', `sent=${user.email}`);
    return sent;
  }

  /**
   * POST /users/password/reset: sets the password from a mailed token. The token works once and
   * for 24 hours; every session of the account ends.
   * @throws AppError 400 invalid_link / broken_token / link_expired / sso / pwd rules, 404 user
   */
  async resetPasswordFromToken(ctx: RequestContext, token: string, newPassword: string): Promise<void> {
    const found = await this.deps.tokens.find(token);
    if (!found) throw AppError.badRequest('api.user.reset_password.invalid_link.app_error');
    if (found.record.type !== TOKEN_TYPE_PASSWORD_RECOVERY) throw AppError.badRequest('api.user.reset_password.broken_token.app_error');
    if (found.expired) throw AppError.badRequest('api.user.reset_password.link_expired.app_error');
    if (!found.subject) throw new AppError('api.user.reset_password.token_parse.error', 500);
    const user = await this.deps.store.users.findById(found.subject.UserId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${found.subject.UserId}`);
    // A link mailed to an address the account no longer has is treated as expired.
    if (user.email !== found.subject.Email) throw AppError.badRequest('api.user.reset_password.link_expired.app_error');
    if (isSsoUser(user)) throw AppError.badRequest('api.user.reset_password.sso.app_error', `userId=${user.id}`);
    validatePassword(newPassword, this.deps.config.get().PasswordSettings);
    // Deleting the token is the claim on it: of two concurrent uses only one gets here.
    if (!(await this.deps.tokens.consume(found.record))) throw AppError.badRequest('api.user.reset_password.invalid_link.app_error');
    await this.setPassword(ctx, user, newPassword, 'using a reset password link');
    await this.deps.audits.record(ctx, user.id, '/api/v4/users/password/reset', 'success');
  }

  /**
   * Mattermost's UpdatePassword: checks the rules, stores the hash (the account becomes an email
   * account, failed attempts are cleared) and, with TerminateSessionsOnPasswordChange, ends every
   * other session of the user. `method` words the notice mailed to the owner; none is sent without one.
   * @throws AppError 400 model.user.is_valid.pwd*.app_error
   */
  async setPassword(ctx: RequestContext, user: UserRecord, newPassword: string, method?: string): Promise<void> {
    const config = this.deps.config.get();
    validatePassword(newPassword, config.PasswordSettings);
    if (user.remote_id) throw new AppError('api.user.update_password.failed.app_error', 500);
    await this.deps.store.users.updatePassword(user.id, await hashPassword(newPassword), this.deps.clock.now());
    if (config.ServiceSettings.TerminateSessionsOnPasswordChange) {
      const keep = ctx.session?.user_id === user.id ? ctx.session.id : undefined;
      await this.deps.sessions.revokeAllForUser(user.id, keep);
    }
    if (method) await this.deps.mailer.sendQuietly(passwordChangedMail(mailContext(config), user.email, method));
  }

  private async updatePasswordAsUser(ctx: RequestContext, user: UserRecord, current: string, newPassword: string): Promise<void> {
    if (user.auth_data) throw AppError.badRequest('api.user.update_password.oauth.app_error', `auth_service=${user.auth_service}`);
    try {
      await doubleCheckPassword(this.deps.store, user, current, this.deps.config.get().ServiceSettings.MaximumLoginAttempts);
    } catch (error) {
      if (error instanceof AppError && error.id === 'api.user.check_user_password.invalid.app_error') {
        throw AppError.badRequest('api.user.update_password.incorrect.app_error');
      }
      throw error;
    }
    await this.setPassword(ctx, user, newPassword, 'from your account settings');
  }

  private canSetPasswordOf(ctx: RequestContext, user: UserRecord): boolean {
    const needed = hasRole(user.roles, ROLE_NAMES.systemAdmin) ? P.manageSystem : P.sysconsoleWriteUserManagementUsers;
    return this.deps.permissions.has(ctx, needed);
  }
}

/** Mattermost's IsSSOUser: signed in through a provider other than email. */
export function isSsoUser(user: UserRecord): boolean {
  return user.auth_service !== '' && user.auth_service !== 'email';
}
