import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../model/app-error.js';
import { newId } from '../../model/ids.js';
import type { OAuthApp } from '../../model/oauth.js';
import { P } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import type { SessionService } from '../auth/session.service.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { UserService } from '../users/user.service.js';
import { isPublicClient, validateOAuthApp } from './oauth-rules.js';

/** The app fields a client sets, on registration and on edit. */
export interface OAuthAppFields {
  name?: string | undefined;
  description?: string | undefined;
  icon_url?: string | undefined;
  callback_urls?: string[] | undefined;
  homepage?: string | undefined;
  is_trusted?: boolean | undefined;
}

/** What a client may send to register an app (Mattermost's OAuthAppRequest). */
export interface CreateOAuthAppInput extends OAuthAppFields {
  /** No secret: the client proves itself with PKCE instead. */
  is_public?: boolean | undefined;
}

/** PUT /oauth/apps/{id}: absent fields are cleared, as Go decodes a whole app. */
export interface UpdateOAuthAppInput extends OAuthAppFields {
  /** Must name the app of the URL. */
  id?: string | undefined;
  mattermost_app_id?: string | undefined;
}

export interface OAuthServiceDeps {
  store: Store;
  config: LiveConfig;
  clock: Clock;
  permissions: Permissions;
  sessions: SessionService;
  users: UserService;
}

/** The app as anyone may see it: never the secret. */
export function sanitizeOAuthApp(app: OAuthApp): OAuthApp {
  return { ...app, client_secret: '' };
}

/**
 * Registered OAuth 2.0 client apps: registration, listing, editing, deletion and secrets, with
 * Mattermost's rules (manage_oauth for one's own apps, manage_system_wide_oauth for everyone's,
 * manage_system to mark an app trusted). Every call answers 501 while
 * `ServiceSettings.EnableOAuthServiceProvider` is off.
 */
export class OAuthAppService {
  constructor(private readonly deps: OAuthServiceDeps) {
    deps.users.addLifecycleHooks({
      // As in Mattermost, a deactivated user's pending codes go (their tokens end with their sessions).
      userDeactivated: (user) => deps.store.oauthGrants.deleteCodesOfUser(user.id),
      userErased: (tx, userId) => tx.oauthGrants.deleteForUser(userId),
    });
  }

  /**
   * POST /oauth/apps.
   * @throws AppError 403 manage_oauth, 501 api.oauth.register_oauth_app.turn_off.app_error, 400 model.oauth.is_valid.*
   */
  async createOAuthApp(ctx: RequestContext, input: CreateOAuthAppInput): Promise<OAuthApp> {
    this.deps.permissions.require(ctx, P.manageOauth);
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.register_oauth_app.turn_off.app_error');
    const now = this.deps.clock.now();
    const app: OAuthApp = {
      id: newId(),
      creator_id: callerId(ctx),
      create_at: now,
      update_at: now,
      client_secret: input.is_public ? '' : newId(),
      name: input.name ?? '',
      description: input.description ?? '',
      icon_url: input.icon_url ?? '',
      callback_urls: input.callback_urls ?? [],
      homepage: input.homepage ?? '',
      // Only system admins may let an app skip the consent screen.
      is_trusted: (input.is_trusted ?? false) && this.deps.permissions.has(ctx, P.manageSystem),
      mattermost_app_id: '',
    };
    validateOAuthApp(app);
    await this.deps.store.oauthApps.insert(app);
    return app;
  }

  /**
   * GET /oauth/apps: everyone's apps for app managers, one's own otherwise.
   * @throws AppError 403 api.command.admin_only.app_error without manage_oauth, 501
   */
  async getOAuthApps(ctx: RequestContext, page: number, perPage: number): Promise<OAuthApp[]> {
    if (!this.deps.permissions.has(ctx, P.manageOauth)) throw new AppError('api.command.admin_only.app_error', 403);
    this.requireEnabled();
    const creator = this.deps.permissions.has(ctx, P.manageSystemWideOauth) ? undefined : callerId(ctx);
    return this.deps.store.oauthApps.list(page * perPage, perPage, creator);
  }

  /**
   * GET /oauth/apps/{id}, secret included.
   * @throws AppError 403, 404 app.oauth.get_app.find.app_error, 501
   */
  async getOAuthApp(ctx: RequestContext, appId: string): Promise<OAuthApp> {
    this.deps.permissions.require(ctx, P.manageOauth);
    const app = await this.findApp(appId);
    this.requireOwnOrSystemWide(ctx, app);
    return app;
  }

  /**
   * GET /oauth/apps/{id}/info: what the consent screen shows, for any signed-in user.
   * @throws AppError 404, 501
   */
  async getOAuthAppInfo(appId: string): Promise<OAuthApp> {
    return sanitizeOAuthApp(await this.findApp(appId));
  }

  /**
   * PUT /oauth/apps/{id}: replaces the editable fields; id, creator, creation time and secret stay.
   * @throws AppError 403, 400 invalid_body_param app_id, 404, 400 model.oauth.is_valid.*, 501
   */
  async updateOAuthApp(ctx: RequestContext, appId: string, input: UpdateOAuthAppInput): Promise<OAuthApp> {
    this.deps.permissions.require(ctx, P.manageOauth);
    if (input.id !== appId) throw AppError.invalidParam('app_id');
    const current = await this.findApp(appId);
    this.requireOwnOrSystemWide(ctx, current);
    const next: OAuthApp = {
      ...current,
      name: input.name ?? '',
      description: input.description ?? '',
      icon_url: input.icon_url ?? '',
      callback_urls: input.callback_urls ?? [],
      homepage: input.homepage ?? '',
      mattermost_app_id: input.mattermost_app_id ?? '',
      is_trusted: this.deps.permissions.has(ctx, P.manageSystem) ? (input.is_trusted ?? false) : current.is_trusted,
      update_at: this.deps.clock.now(),
    };
    validateOAuthApp(next);
    await this.deps.store.oauthApps.update(next);
    return next;
  }

  /**
   * DELETE /oauth/apps/{id}: the app goes, and with it every token, code and consent it had.
   * @throws AppError 403, 404, 501
   */
  async deleteOAuthApp(ctx: RequestContext, appId: string): Promise<void> {
    this.deps.permissions.require(ctx, P.manageOauth);
    const app = await this.findApp(appId);
    this.requireOwnOrSystemWide(ctx, app);
    await this.revokeGrants(app.id);
    await this.deps.store.transaction(async (tx) => {
      await tx.oauthGrants.deleteCodes(app.id);
      await tx.oauthGrants.deleteAuthorizations(app.id);
      await tx.oauthApps.deleteById(app.id);
    });
  }

  /**
   * POST /oauth/apps/{id}/regen_secret.
   * @throws AppError 403, 404, 400 api.oauth.regenerate_secret.public_client.app_error, 501
   */
  async regenerateOAuthAppSecret(ctx: RequestContext, appId: string): Promise<OAuthApp> {
    this.deps.permissions.require(ctx, P.manageOauth);
    const app = await this.findApp(appId);
    this.requireOwnOrSystemWide(ctx, app);
    if (isPublicClient(app)) throw AppError.badRequest('api.oauth.regenerate_secret.public_client.app_error', `app_id=${app.id}`);
    const next = { ...app, client_secret: newId(), update_at: this.deps.clock.now() };
    await this.deps.store.oauthApps.update(next);
    return next;
  }

  /**
   * GET /users/{id}/oauth/apps/authorized: the apps the user allowed, without secrets.
   * @throws AppError 403 (edit_other_users), 501
   */
  async getAuthorizedOAuthApps(ctx: RequestContext, userId: string, page: number, perPage: number): Promise<OAuthApp[]> {
    this.deps.permissions.requireActOnUser(ctx, userId);
    this.requireEnabled();
    const apps = await this.deps.store.oauthApps.listAuthorizedBy(userId, page * perPage, perPage);
    return apps.map(sanitizeOAuthApp);
  }

  /** @throws AppError 501 api.oauth.allow_oauth.turn_off.app_error, 404 app.oauth.get_app.find.app_error */
  async findApp(appId: string): Promise<OAuthApp> {
    this.requireEnabled();
    const app = await this.deps.store.oauthApps.findById(appId);
    if (!app) throw AppError.notFound('app.oauth.get_app.find.app_error', `app_id=${appId}`);
    return app;
  }

  /** @throws AppError 501 api.oauth.allow_oauth.turn_off.app_error */
  requireEnabled(): void {
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.allow_oauth.turn_off.app_error');
  }

  /** Ends the sessions of an app's grants (all users, or one) and forgets the grants. */
  async revokeGrants(appId: string, userId?: string): Promise<void> {
    const grants = await this.deps.store.oauthGrants.listAccess(appId, userId);
    for (const grant of grants) {
      const session = await this.deps.sessions.findById(grant.session_id);
      if (session) await this.deps.sessions.revokeSessions(session.user_id, [session]);
    }
    await this.deps.store.oauthGrants.deleteAccess(grants.map((g) => g.id));
  }

  private enabled(): boolean {
    return this.deps.config.get().ServiceSettings.EnableOAuthServiceProvider;
  }

  private requireOwnOrSystemWide(ctx: RequestContext, app: OAuthApp): void {
    if (app.creator_id !== callerId(ctx)) this.deps.permissions.require(ctx, P.manageSystemWideOauth);
  }
}
