import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import type { SessionRecord } from '../../model/session.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { AuditService } from '../users/audit.service.js';
import { checkPassword } from '../users/password.js';
import type { MfaService } from './mfa.service.js';
import type { SessionService } from './session.service.js';
import { describeUserAgent } from './user-agent.js';

export interface LoginInput {
  id?: string;
  login_id?: string;
  password?: string;
  token?: string;
  device_id?: string;
}

// Errors that reach the client as they are; every other failure becomes "invalid credentials" so
// that a login form does not reveal which accounts exist.
const UNMASKED_LOGIN_ERRORS = new Set([
  'mfa.validate_token.authenticate.app_error',
  'api.user.check_user_mfa.bad_code.app_error',
  'api.user.login.blank_pwd.app_error',
  'api.user.login.bot_login_forbidden.app_error',
  'api.user.login.inactive.app_error',
  'api.user.login.not_verified.app_error',
  'api.user.check_user_login_attempts.too_many.app_error',
]);

/** Password login, logout and the MFA pre-flight, with Mattermost's lockout and error masking. */
export class LoginService {
  constructor(
    private readonly deps: {
      store: Store;
      config: LiveConfig;
      clock: Clock;
      sessions: SessionService;
      mfa: MfaService;
      audits: AuditService;
    },
  ) {}

  /**
   * POST /users/login. Returns the user, the new session and its token.
   * @throws AppError 400 blank password, 401 (masked) otherwise
   */
  async login(ctx: RequestContext, input: LoginInput): Promise<{ user: UserRecord; session: SessionRecord; token: string }> {
    let user: UserRecord | undefined;
    try {
      user = await this.authenticate(input);
    } catch (error) {
      if (error instanceof AppError) {
        await this.deps.audits.record(ctx, user?.id ?? '', `/api/v4/users/login`, `failure - login_id=${input.login_id ?? ''}`);
        throw this.mask(error);
      }
      throw error;
    }
    const ua = describeUserAgent(ctx.userAgent);
    const deviceId = input.device_id ?? '';
    const authenticated = user;
    const { session, token } = await this.deps.store.transaction(async (tx) => {
      const created = await this.deps.sessions.createSession(tx, authenticated, {
        deviceId,
        props: {
          platform: ua.platform,
          os: ua.os,
          browser: ua.browser,
          isMobile: String(deviceId !== ''),
          isSaml: 'false',
          isOAuthUser: 'false',
        },
      });
      await tx.users.updateLastLogin(authenticated.id, created.session.create_at);
      return created;
    });
    user.last_login = session.create_at;
    await this.deps.audits.record({ ...ctx, session }, user.id, '/api/v4/users/login', 'success');
    return { user, session, token };
  }

  /** POST /users/logout: ends the caller's session (a no-op without one). */
  async logout(ctx: RequestContext): Promise<void> {
    const session = ctx.session;
    if (!session) return;
    await this.deps.sessions.revokeSessions(session.user_id, [session]);
    await this.deps.audits.record(ctx, session.user_id, '/api/v4/users/logout', 'success');
  }

  /** POST /users/mfa: whether a login id needs an MFA code. */
  async isMfaRequired(loginId: string): Promise<boolean> {
    if (!this.deps.config.get().ServiceSettings.EnableMultifactorAuthentication) return false;
    const user = await this.findForLogin('', loginId);
    return user?.mfa_active ?? false;
  }

  /**
   * Finds the account by id or login id and checks, in Mattermost's order: active, not a bot, not
   * locked, password (counting failures), MFA code, verified email.
   */
  async authenticate(input: LoginInput): Promise<UserRecord> {
    const password = input.password ?? '';
    if (password === '') throw new AppError('api.user.login.blank_pwd.app_error', 400);
    const user = await this.findForLogin(input.id ?? '', input.login_id ?? '');
    if (!user) throw new AppError('store.sql_user.get_for_login.app_error', 400);
    const config = this.deps.config.get();
    if (user.delete_at > 0) throw new AppError('api.user.login.inactive.app_error', 401, { details: `user_id=${user.id}` });
    if (user.is_bot) throw new AppError('api.user.login.bot_login_forbidden.app_error', 401, { details: `user_id=${user.id}` });
    if (user.auth_service && user.auth_service !== 'email') {
      throw new AppError('api.user.login.use_auth_service.app_error', 400, { params: { AuthService: user.auth_service } });
    }
    if (user.failed_attempts >= config.ServiceSettings.MaximumLoginAttempts) {
      throw new AppError('api.user.check_user_login_attempts.too_many.app_error', 401, { details: `user_id=${user.id}` });
    }
    if (!(await checkPassword(user.password, password))) {
      await this.deps.store.users.updateFailedAttempts(user.id, user.failed_attempts + 1);
      throw new AppError('api.user.check_user_password.invalid.app_error', 401, { details: `user_id=${user.id}` });
    }
    const mfaToken = input.token ?? '';
    if (user.mfa_active && config.ServiceSettings.EnableMultifactorAuthentication) {
      // An empty code is the client asking whether MFA is needed; it is not a failed attempt.
      const countFailure = async () => {
        if (mfaToken !== '') await this.deps.store.users.updateFailedAttempts(user.id, user.failed_attempts + 1);
      };
      let ok: boolean;
      try {
        ok = await this.deps.mfa.validateLoginCode(user, mfaToken);
      } catch (error) {
        await countFailure();
        throw error;
      }
      if (!ok) {
        await countFailure();
        throw new AppError('api.user.check_user_mfa.bad_code.app_error', 401);
      }
    }
    if (user.failed_attempts !== 0) {
      await this.deps.store.users.updateFailedAttempts(user.id, 0);
      user.failed_attempts = 0;
    }
    if (!user.email_verified && config.EmailSettings.RequireEmailVerification) {
      throw new AppError('api.user.login.not_verified.app_error', 401, { details: `user_id=${user.id}` });
    }
    return user;
  }

  /** Mattermost's GetUserForLogin: by id, else by username then email as the sign-in settings allow. */
  async findForLogin(id: string, loginId: string): Promise<UserRecord | undefined> {
    if (id) return this.deps.store.users.findById(id);
    if (!loginId) return undefined;
    const settings = this.deps.config.get().EmailSettings;
    if (settings.EnableSignInWithUsername) {
      const byName = await this.deps.store.users.findByUsername(loginId);
      if (byName) return byName;
    }
    if (settings.EnableSignInWithEmail) return this.deps.store.users.findByEmail(loginId);
    return undefined;
  }

  private mask(error: AppError): AppError {
    if (UNMASKED_LOGIN_ERRORS.has(error.id)) return error;
    const settings = this.deps.config.get().EmailSettings;
    if (settings.EnableSignInWithUsername && !settings.EnableSignInWithEmail) {
      return new AppError('api.user.login.invalid_credentials_username', 401);
    }
    if (!settings.EnableSignInWithUsername && settings.EnableSignInWithEmail) {
      return new AppError('api.user.login.invalid_credentials_email', 401);
    }
    return new AppError('api.user.login.invalid_credentials_email_username', 401);
  }
}
