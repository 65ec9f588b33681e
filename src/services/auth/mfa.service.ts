import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import { P } from '../../model/permissions.js';

const PERIOD_SECONDS = 30;
// Codes one step either side of now are accepted, as Mattermost's window of 3 does.
const WINDOW = 1;
// Remember used steps for a little longer than the window so a code cannot be replayed.
const USED_STEPS_KEPT = 2 * WINDOW + 2;
// What Mattermost's TOTP library parses: six digits, or eight for a scratch code (never issued here).
const WELL_FORMED_CODE = /^(?:\d{6}|[1-9]\d{7})$/;

/** TOTP multi-factor authentication (RFC 6238, 6 digits, 30 s), compatible with Mattermost's secrets. */
export class MfaService {
  constructor(private readonly deps: { store: Store; config: LiveConfig; clock: Clock; permissions: Permissions }) {}

  /**
   * POST /users/{id}/mfa/generate: a new secret and its QR code (base64 PNG); the secret is stored
   * but MFA stays off until activated with a code.
   * @throws AppError 501 when MFA is disabled, 403, 404
   */
  async generateSecret(ctx: RequestContext, userId: string): Promise<{ secret: string; qr_code: string }> {
    await this.checkCaller(ctx, userId);
    const user = await this.loadUser(userId);
    if (user.auth_service && user.auth_service !== 'email') {
      throw new AppError('mfa.generate_qr_code.create_code.app_error', 400, { details: 'SSO users manage MFA with their provider' });
    }
    const secret = new Secret({ size: 20 }).base32.replace(/=+$/, '');
    const issuer = this.issuer();
    const totp = new TOTP({ issuer, label: user.email, secret: Secret.fromBase32(secret), digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' });
    const png = await QRCode.toBuffer(totp.toString(), { errorCorrectionLevel: 'M', width: 256, type: 'png' });
    await this.deps.store.users.update({ ...user, mfa_secret: secret, mfa_used_timestamps: [], update_at: this.deps.clock.now() });
    return { secret, qr_code: png.toString('base64') };
  }

  /**
   * PUT /users/{id}/mfa. Activation needs a valid code for the generated secret; deactivation
   * clears the secret (a code, when sent, must be valid).
   * @throws AppError 501 disabled, 401 mfa.activate.bad_token.app_error, 400, 403, 404
   */
  async updateMfa(ctx: RequestContext, userId: string, activate: boolean, code: string | undefined): Promise<void> {
    await this.checkCaller(ctx, userId);
    const user = await this.loadUser(userId);
    const now = this.deps.clock.now();
    if (!activate) {
      if (code && user.mfa_active && !this.verify(user, code).ok) throw new AppError('mfa.activate.bad_token.app_error', 401);
      await this.deps.store.users.update({ ...user, mfa_active: false, mfa_secret: '', mfa_used_timestamps: [], update_at: now });
      return;
    }
    if (user.mfa_active) throw AppError.badRequest('mfa.activate.app_error', 'MFA is already active');
    if (!user.mfa_secret) throw AppError.badRequest('mfa.activate.app_error', 'generate a secret first');
    const result = this.verify(user, code ?? '');
    if (!result.ok) throw new AppError('mfa.activate.bad_token.app_error', 401);
    await this.deps.store.users.update({ ...user, mfa_active: true, mfa_used_timestamps: result.used, update_at: now });
  }

  /**
   * Checks a login code and burns its time step so the same code cannot log in twice. False for a
   * well-formed wrong code.
   * @throws AppError 400 mfa.validate_token.authenticate.app_error when the code is missing or not
   *   six digits (or an eight-digit scratch code): Mattermost's apps show their code field on this id.
   */
  async validateLoginCode(user: UserRecord, code: string): Promise<boolean> {
    if (!WELL_FORMED_CODE.test(code.trim())) throw AppError.badRequest('mfa.validate_token.authenticate.app_error', 'missing or malformed code');
    const result = this.verify(user, code);
    if (!result.ok) return false;
    user.mfa_used_timestamps = result.used;
    await this.deps.store.users.update({ ...user });
    return true;
  }

  private verify(user: UserRecord, code: string): { ok: boolean; used: number[] } {
    const trimmed = code.trim();
    if (!/^\d{6}$/.test(trimmed) || !user.mfa_secret) return { ok: false, used: user.mfa_used_timestamps };
    let secret: Secret;
    try {
      secret = Secret.fromBase32(user.mfa_secret);
    } catch {
      return { ok: false, used: user.mfa_used_timestamps };
    }
    const totp = new TOTP({ secret, digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' });
    const now = this.deps.clock.now();
    const delta = totp.validate({ token: trimmed, timestamp: now, window: WINDOW });
    if (delta === null) return { ok: false, used: user.mfa_used_timestamps };
    const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    if (user.mfa_used_timestamps.includes(step)) return { ok: false, used: user.mfa_used_timestamps };
    const currentStep = Math.floor(now / 1000 / PERIOD_SECONDS);
    const used = [...user.mfa_used_timestamps.filter((s) => s > currentStep - USED_STEPS_KEPT), step];
    return { ok: true, used };
  }

  private async checkCaller(ctx: RequestContext, userId: string): Promise<void> {
    if (!this.deps.config.get().ServiceSettings.EnableMultifactorAuthentication) {
      throw new AppError('mfa.mfa_disabled.app_error', 501);
    }
    if (ctx.session?.is_oauth || !(await this.deps.permissions.hasPermissionToUser(ctx, userId))) throw AppError.forbidden(P.editOtherUsers);
  }

  private async loadUser(userId: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    return user;
  }

  private issuer(): string {
    const siteUrl = this.deps.config.get().ServiceSettings.SiteURL;
    try {
      return siteUrl ? new URL(siteUrl).host : 'Parley';
    } catch {
      return 'Parley';
    }
  }
}
