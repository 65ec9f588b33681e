import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken } from '../../lib/hash.js';
import { AppError } from '../../model/app-error.js';
import { newId } from '../../model/ids.js';
import { P, ROLE_NAMES } from '../../model/permissions.js';
import type { UserAccessToken } from '../../model/session.js';
import { hasRole, type UserRecord } from '../../model/user.js';
import type { AccessTokenRecord } from '../../store/access-token.store.js';
import type { Store } from '../../store/store.js';
import type { SessionService } from '../auth/session.service.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { Mailer } from '../mail/mailer.js';
import { accessTokenAddedMail, mailContext } from '../mail/templates.js';
import type { AuditService } from './audit.service.js';

/** Mattermost's limit, counted in bytes as Go's len() does. */
export const ACCESS_TOKEN_DESCRIPTION_MAX_BYTES = 255;
// Mattermost's token search has no limit; this only bounds a pathological result.
const SEARCH_LIMIT = 1000;

export interface CreateAccessTokenInput {
  description?: string | undefined;
  expires_at?: number | undefined;
}

/** Whether the caller may manage a bot's account; the bots area provides it. */
export interface BotManagement {
  /** 'not_a_bot' when `userId` is no bot; otherwise whether the caller may manage it. */
  manageVerdict(ctx: RequestContext, userId: string): Promise<'allowed' | 'denied' | 'not_a_bot'>;
}

export interface AccessTokenServiceDeps {
  store: Store;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  sessions: SessionService;
  mailer: Mailer;
  audits: AuditService;
}

/**
 * Personal access tokens: creation (the only time the token is shown), listing, search, revoke,
 * disable and enable, with Mattermost's permission rules. A call authenticated with a token gets a
 * session from `SessionService`; revoking or disabling the token ends that session at once.
 *
 * Acting on another user's tokens needs edit_other_users; a bot's tokens are its managers' to handle
 * (Mattermost's SessionHasPermissionToUserOrBot).
 */
export class AccessTokenService {
  /** Set once bot accounts exist; without it every account is treated as a user. */
  bots: BotManagement | undefined;

  constructor(private readonly deps: AccessTokenServiceDeps) {}

  /**
   * POST /users/{user_id}/tokens.
   * @throws AppError 404 app.user.missing_account.const, 400 description/expiry, 403, 501 app.user_access_token.disabled
   */
  async createUserAccessToken(ctx: RequestContext, userId: string, input: CreateAccessTokenInput): Promise<UserAccessToken> {
    const user = await this.loadUser(userId);
    if (ctx.session?.is_oauth) throw AppError.forbidden(P.createUserAccessToken);
    const description = input.description ?? '';
    if (description === '') throw AppError.invalidParam('description');
    const { permissions } = this.deps;
    permissions.require(ctx, P.createUserAccessToken);
    await this.requireActOnUserOrBot(ctx, userId);
    // Nobody mints a token stronger than themselves: a system admin's, bot or not, needs manage_system.
    if (hasRole(user.roles, ROLE_NAMES.systemAdmin)) permissions.require(ctx, P.manageSystem);
    if (!this.deps.config.get().ServiceSettings.EnableUserAccessTokens && !user.is_bot) {
      throw new AppError('app.user_access_token.disabled', 501);
    }
    const now = this.deps.clock.now();
    const expiresAt = input.expires_at ?? 0;
    if (expiresAt !== 0 && expiresAt <= now) throw AppError.badRequest('app.user_access_token.expires_at_in_past.app_error');
    if (Buffer.byteLength(description) > ACCESS_TOKEN_DESCRIPTION_MAX_BYTES) {
      throw AppError.badRequest('model.user_access_token.is_valid.description.app_error');
    }
    const token = newId();
    const record: AccessTokenRecord = {
      id: newId(),
      token_hash: hashToken(token),
      user_id: userId,
      description,
      is_active: true,
      create_at: now,
      expires_at: expiresAt,
    };
    await this.deps.store.accessTokens.insert(record);
    await this.deps.audits.record(ctx, userId, `/api/v4/users/${userId}/tokens`, `success - token_id=${record.id}`);
    if (!user.is_bot) {
      await this.deps.mailer.sendQuietly(accessTokenAddedMail(mailContext(this.deps.config.get()), user.email));
    }
    return { ...toWireAccessToken(record), token };
  }

  /**
   * GET /users/{user_id}/tokens.
   * @throws AppError 403 (read_user_access_token, edit_other_users)
   */
  async getUserAccessTokensForUser(ctx: RequestContext, userId: string, page: number, perPage: number): Promise<UserAccessToken[]> {
    this.deps.permissions.require(ctx, P.readUserAccessToken);
    await this.requireActOnUserOrBot(ctx, userId);
    const tokens = await this.deps.store.accessTokens.listForUser(userId, page * perPage, perPage);
    return tokens.map(toWireAccessToken);
  }

  /**
   * GET /users/tokens: every token on the server.
   * @throws AppError 403 manage_system
   */
  async getUserAccessTokens(ctx: RequestContext, page: number, perPage: number): Promise<UserAccessToken[]> {
    this.deps.permissions.require(ctx, P.manageSystem);
    const tokens = await this.deps.store.accessTokens.listAll(page * perPage, perPage);
    return tokens.map(toWireAccessToken);
  }

  /**
   * GET /users/tokens/{token_id}.
   * @throws AppError 403, 404 app.user_access_token.get_by_user.app_error
   */
  async getUserAccessToken(ctx: RequestContext, tokenId: string): Promise<UserAccessToken> {
    return toWireAccessToken(await this.loadOwnedToken(ctx, tokenId, P.readUserAccessToken));
  }

  /**
   * POST /users/tokens/search: tokens whose id, owner id or owner username is `term`.
   * @throws AppError 403 manage_system, 400 term
   */
  async searchUserAccessTokens(ctx: RequestContext, term: string): Promise<UserAccessToken[]> {
    this.deps.permissions.require(ctx, P.manageSystem);
    if (term === '') throw AppError.invalidParam('term');
    const tokens = await this.deps.store.accessTokens.search(term, SEARCH_LIMIT);
    return tokens.map(toWireAccessToken);
  }

  /**
   * POST /users/tokens/revoke: deletes the token and ends its session.
   * @throws AppError 403, 404
   */
  async revokeUserAccessToken(ctx: RequestContext, tokenId: string): Promise<void> {
    const token = await this.loadOwnedToken(ctx, tokenId, P.revokeUserAccessToken);
    await this.deps.store.accessTokens.deleteById(token.id);
    await this.deps.sessions.revokeForAccessToken(token.user_id, token.id);
    await this.deps.audits.record(ctx, token.user_id, '/api/v4/users/tokens/revoke', `success - token_id=${token.id}`);
  }

  /**
   * POST /users/tokens/disable: the token stops authenticating (its session ends) until enabled.
   * Mattermost has no separate permission for this and checks revoke_user_access_token.
   * @throws AppError 403, 404
   */
  async disableUserAccessToken(ctx: RequestContext, tokenId: string): Promise<void> {
    const token = await this.loadOwnedToken(ctx, tokenId, P.revokeUserAccessToken);
    await this.deps.store.accessTokens.setActive(token.id, false);
    await this.deps.sessions.revokeForAccessToken(token.user_id, token.id);
    await this.deps.audits.record(ctx, token.user_id, '/api/v4/users/tokens/disable', `success - token_id=${token.id}`);
  }

  /**
   * POST /users/tokens/enable. Mattermost checks create_user_access_token for this.
   * @throws AppError 403, 404
   */
  async enableUserAccessToken(ctx: RequestContext, tokenId: string): Promise<void> {
    const token = await this.loadOwnedToken(ctx, tokenId, P.createUserAccessToken);
    await this.deps.store.accessTokens.setActive(token.id, true);
    await this.deps.audits.record(ctx, token.user_id, '/api/v4/users/tokens/enable', `success - token_id=${token.id}`);
  }

  private async loadUser(userId: string): Promise<UserRecord> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    return user;
  }

  /** The token, once the caller holds `permission` and may act on the token's owner (checked in Mattermost's order). */
  private async loadOwnedToken(ctx: RequestContext, tokenId: string, permission: string): Promise<AccessTokenRecord> {
    this.deps.permissions.require(ctx, permission);
    const token = await this.deps.store.accessTokens.findById(tokenId);
    if (!token) throw AppError.notFound('app.user_access_token.get_by_user.app_error', `token_id=${tokenId}`);
    await this.requireActOnUserOrBot(ctx, token.user_id);
    return token;
  }

  /** @throws AppError 403 (edit_other_users) unless the caller is the user, may edit others, or manages the bot. */
  private async requireActOnUserOrBot(ctx: RequestContext, userId: string): Promise<void> {
    const verdict = this.bots ? await this.bots.manageVerdict(ctx, userId) : 'not_a_bot';
    if (verdict === 'allowed') return;
    if (verdict === 'denied') throw AppError.forbidden(P.editOtherUsers);
    this.deps.permissions.requireActOnUser(ctx, userId);
  }
}

/** A token as the API shows it: never the secret (only creation returns it, once). */
export function toWireAccessToken(token: AccessTokenRecord): UserAccessToken {
  return {
    id: token.id,
    user_id: token.user_id,
    description: token.description,
    is_active: token.is_active,
    expires_at: token.expires_at,
  };
}
