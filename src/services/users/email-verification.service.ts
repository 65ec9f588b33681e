import type { LiveConfig } from '../../config/live-config.js';
import { event } from '../../events/domain-events.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import type { UserRecord } from '../../model/user.js';
import { isConflict } from '../../store/errors.js';
import type { Store } from '../../store/store.js';
import type { LoginService } from '../auth/login.service.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UnitOfWork } from '../common/unit-of-work.js';
import type { Mailer } from '../mail/mailer.js';
import { mailContext, verifyEmailMail, welcomeMail } from '../mail/templates.js';
import type { AuditService } from './audit.service.js';
import { TOKEN_TYPE_VERIFY_EMAIL, type OneTimeTokens } from './one-time-token.js';

export interface EmailVerificationServiceDeps {
  store: Store;
  uow: UnitOfWork;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  mailer: Mailer;
  audits: AuditService;
  tokens: OneTimeTokens;
  login: LoginService;
}

/** Welcome mails and proving an email address with a mailed single-use token. */
export class EmailVerificationService {
  constructor(private readonly deps: EmailVerificationServiceDeps) {}

  /**
   * Mattermost's SendWelcomeEmail after signup or admin creation: sent when notifications or
   * verification are on and the user did not opt out; it carries a verification link when the
   * address still needs proving. A failure is logged, never returned.
   */
  async sendWelcomeEmail(user: UserRecord, redirect = ''): Promise<void> {
    const settings = this.deps.config.get().EmailSettings;
    if (user.disable_welcome_email || user.is_bot) return;
    if (!settings.SendEmailNotifications && !settings.RequireEmailVerification) return;
    let verifyToken: string | undefined;
    if (!user.email_verified && settings.RequireEmailVerification) {
      verifyToken = await this.deps.tokens.create(TOKEN_TYPE_VERIFY_EMAIL, { UserId: user.id, Email: user.email }, false);
    }
    await this.deps.mailer.sendQuietly(welcomeMail(mailContext(this.deps.config.get()), user.email, verifyToken, redirect));
  }

  /**
   * POST /users/email/verify/send. Always succeeds from the caller's view, so that it does not tell
   * which addresses have accounts; delivery failures are logged.
   */
  async sendVerificationEmail(ctx: RequestContext, email: string, redirect = ''): Promise<void> {
    const user = await this.deps.login.findForLogin('', email);
    if (!user) return;
    const token = await this.deps.tokens.create(TOKEN_TYPE_VERIFY_EMAIL, { UserId: user.id, Email: user.email }, false);
    const sent = await this.deps.mailer.sendQuietly(verifyEmailMail(mailContext(this.deps.config.get()), user.email, token, redirect));
    if (sent) await this.deps.audits.record(ctx, user.id, '/api/v4/users/email/verify/send', `sent=${user.email}`);
  }

  /**
   * POST /users/email/verify: marks the mailed address verified (and makes it the account's
   * address, which completes an email change). Every failure is Mattermost's bad_link error.
   * @throws AppError 400 api.user.verify_email.bad_link.app_error
   */
  async verifyEmailFromToken(ctx: RequestContext, token: string): Promise<void> {
    const found = await this.deps.tokens.find(token);
    const subject = found?.subject;
    if (!found || found.record.type !== TOKEN_TYPE_VERIFY_EMAIL || found.expired || !subject) throw badLink(found ? 'unusable token' : 'unknown token');
    const user = await this.deps.store.users.findById(subject.UserId);
    if (!user) throw badLink('unknown user');
    if (!(await this.deps.tokens.consume(found.record))) throw badLink('token already used');
    await this.markVerified(user, subject.Email.toLowerCase());
    await this.deps.audits.record(ctx, user.id, '/api/v4/users/email/verify', 'Email Verified');
  }

  /**
   * POST /users/{user_id}/email/verify/member: an administrator marks the current address verified.
   * @throws AppError 404, 403 manage_system
   */
  async verifyUserEmailWithoutToken(ctx: RequestContext, userId: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    this.deps.permissions.require(ctx, P.manageSystem);
    const verified = await this.markVerified(user, user.email);
    await this.deps.audits.record(ctx, user.id, `/api/v4/users/${userId}/email/verify/member`, 'user verified');
    return verified;
  }

  private async markVerified(user: UserRecord, email: string): Promise<UserRecord> {
    const now = this.deps.clock.now();
    const next: UserRecord = { ...user, email, email_verified: true, update_at: now };
    try {
      await this.deps.uow.run(async (tx, emit) => {
        await tx.users.verifyEmail(user.id, email, now);
        emit(event('user.updated', { user: next }));
      });
    } catch (error) {
      if (isConflict(error)) throw badLink('address taken by another account');
      throw error;
    }
    return next;
  }
}

function badLink(details: string): AppError {
  return AppError.badRequest('api.user.verify_email.bad_link.app_error', details);
}
