import { hashToken, safeEqual } from '../../lib/hash.js';
import { AppError } from '../../model/app-error.js';
import { newId } from '../../model/ids.js';
import {
  OAUTH_CODE_LIFETIME_SECONDS,
  OAUTH_DEFAULT_SCOPE,
  OAUTH_GRANT_AUTHORIZATION_CODE,
  OAUTH_GRANT_REFRESH_TOKEN,
  OAUTH_RESPONSE_TYPE_CODE,
  OAUTH_RESPONSE_TYPE_TOKEN,
  OAUTH_TOKEN_TYPE,
  SESSION_PROP_MATTERMOST_APP_ID,
  SESSION_PROP_OAUTH_APP_ID,
  type AccessResponse,
  type AuthorizeRequest,
  type OAuthApp,
} from '../../model/oauth.js';
import { P } from '../../model/permissions.js';
import { SESSION_PROP_BROWSER, SESSION_PROP_OS, SESSION_PROP_PLATFORM, type SessionRecord } from '../../model/session.js';
import type { UserRecord } from '../../model/user.js';
import type { AccessDataRecord, AuthCodeRecord } from '../../store/oauth-grant.store.js';
import type { RequestContext } from '../common/context.js';
import { sanitizeOAuthApp, type OAuthAppService, type OAuthServiceDeps } from './oauth-app.service.js';
import { checkPkceAtExchange, isPublicClient, validateAuthorizeRequest, validateResource } from './oauth-rules.js';

/** The form fields of POST /oauth/access_token. */
export interface AccessTokenRequest {
  grant_type: string;
  client_id: string;
  client_secret: string;
  code: string;
  redirect_uri: string;
  refresh_token: string;
  code_verifier: string;
  resource: string;
}

/** What GET /oauth/authorize should do for a browser. */
export type AuthorizePageOutcome =
  | { kind: 'login' }
  | { kind: 'redirect'; url: string }
  | { kind: 'consent'; app: OAuthApp };

function tokenError(id: string, status: number, details = ''): AppError {
  return new AppError(id, status, { details });
}

/**
 * Parley as an OAuth 2.0 provider, as Mattermost is one: the authorization endpoint (consent,
 * codes, implicit tokens), the token endpoint (authorization_code and refresh_token grants, PKCE,
 * RFC 8707 resource indicators) and deauthorization. Access tokens are sessions with
 * `is_oauth`; codes and refresh tokens exist in clear only in the answer that hands them out.
 */
export class OAuthProviderService {
  constructor(private readonly deps: OAuthServiceDeps & { apps: OAuthAppService }) {}

  /**
   * Decides GET /oauth/authorize: send the browser to sign in, straight back to the app (trusted
   * or already allowed), or show the consent screen.
   * @throws AppError 501 api.oauth.authorize_oauth.disabled.app_error, 400 invalid request or redirect URI, 404 unknown app
   */
  async authorizePage(ctx: RequestContext, request: AuthorizeRequest): Promise<AuthorizePageOutcome> {
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.authorize_oauth.disabled.app_error');
    validateAuthorizeRequest(request);
    const app = await this.deps.apps.findApp(request.client_id);
    const session = ctx.session;
    if (!session) return { kind: 'login' };
    this.checkRedirectAndPkce(app, request);
    if (app.is_trusted || (await this.deps.store.oauthGrants.hasAuthorization(session.user_id, app.id))) {
      return { kind: 'redirect', url: await this.allowOAuthAppAccessToUser(session.user_id, request) };
    }
    return { kind: 'consent', app: sanitizeOAuthApp(app) };
  }

  /**
   * POST /oauth/authorize: the user allows the app; answers where to send the browser.
   * @throws AppError 400 model.authorize.is_valid.*, 403 for OAuth sessions, 404, 501
   */
  async authorizeOAuthApp(ctx: RequestContext, request: AuthorizeRequest): Promise<string> {
    validateAuthorizeRequest(request);
    const session = ctx.session;
    if (!session) throw AppError.unauthorized();
    // An app may not grant itself (or another app) access on the user's behalf.
    if (session.is_oauth) throw AppError.forbidden(P.editOtherUsers);
    return this.allowOAuthAppAccessToUser(session.user_id, request);
  }

  /**
   * Mattermost's AllowOAuthAppAccessToUser: issues a code (or, for response_type=token, a token in
   * the fragment), records the consent, and returns the redirect URL.
   * @throws AppError 501, 404 app.oauth.get_app.find.app_error, 400 redirect_callback / pkce_required_public
   */
  async allowOAuthAppAccessToUser(userId: string, request: AuthorizeRequest): Promise<string> {
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.allow_oauth.turn_off.app_error');
    const scope = request.scope || OAUTH_DEFAULT_SCOPE;
    const app = await this.deps.apps.findApp(request.client_id);
    this.checkRedirectAndPkce(app, request);
    let redirect: string;
    if (request.response_type === OAUTH_RESPONSE_TYPE_CODE) redirect = await this.codeRedirect(userId, { ...request, scope });
    else if (request.response_type === OAUTH_RESPONSE_TYPE_TOKEN) redirect = await this.implicitRedirect(app, userId, { ...request, scope });
    else return `${request.redirect_uri}?error=unsupported_response_type&state=${request.state}`;
    await this.deps.store.oauthGrants.saveAuthorization(userId, app.id, scope, this.deps.clock.now());
    return redirect;
  }

  /**
   * POST /oauth/access_token with a validated grant type and client id.
   * @throws AppError 501 disabled, 404 unknown client, 401 wrong secret, 400/403 bad code, 404 bad refresh token
   */
  async getAccessToken(input: AccessTokenRequest): Promise<AccessResponse> {
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.get_access_token.disabled.app_error');
    const app = await this.deps.store.oauthApps.findById(input.client_id);
    if (!app) throw tokenError('api.oauth.get_access_token.credentials.app_error', 404);
    this.authenticateClient(app, input);
    if (input.grant_type === OAUTH_GRANT_AUTHORIZATION_CODE) return this.exchangeCode(app, input);
    return this.refresh(app, input);
  }

  /**
   * POST /oauth/deauthorize: ends the user's tokens for the app and forgets the consent.
   * @throws AppError 501
   */
  async deauthorizeOAuthApp(ctx: RequestContext, clientId: string): Promise<void> {
    if (!this.enabled()) throw AppError.notImplemented('api.oauth.allow_oauth.turn_off.app_error');
    const userId = ctx.session?.user_id;
    if (!userId) throw AppError.unauthorized();
    await this.deps.apps.revokeGrants(clientId, userId);
    await this.deps.store.transaction(async (tx) => {
      await tx.oauthGrants.deleteCodes(clientId, userId);
      await tx.oauthGrants.deleteAuthorizations(clientId, userId);
    });
  }

  private checkRedirectAndPkce(app: OAuthApp, request: AuthorizeRequest): void {
    // Redirect URIs must match a registered one exactly, as in Mattermost.
    if (!app.callback_urls.includes(request.redirect_uri)) throw AppError.badRequest('api.oauth.allow_oauth.redirect_callback.app_error');
    if (isPublicClient(app) && request.response_type === OAUTH_RESPONSE_TYPE_CODE && request.code_challenge === '') {
      throw AppError.badRequest('api.oauth.allow_oauth.pkce_required_public.app_error');
    }
  }

  /** Mattermost's ValidateForGrantType. */
  private authenticateClient(app: OAuthApp, input: AccessTokenRequest): void {
    const details = `app_id=${app.id}`;
    if (isPublicClient(app)) {
      if (input.client_secret !== '') throw tokenError('model.oauth.validate_grant.public_client_secret.app_error', 400, details);
      if (input.grant_type === OAUTH_GRANT_REFRESH_TOKEN) throw tokenError('model.oauth.validate_grant.public_client_refresh_token.app_error', 400, details);
      if (input.code_verifier === '') throw tokenError('model.oauth.validate_grant.pkce_required.app_error', 400, details);
      return;
    }
    if (!safeEqual(app.client_secret, input.client_secret)) {
      throw tokenError('model.oauth.validate_grant.credentials.app_error', 401, details);
    }
  }

  private async codeRedirect(userId: string, request: AuthorizeRequest): Promise<string> {
    const code = newId() + newId();
    const record: AuthCodeRecord = {
      code_hash: hashToken(code),
      client_id: request.client_id,
      user_id: userId,
      create_at: this.deps.clock.now(),
      expires_in: OAUTH_CODE_LIFETIME_SECONDS,
      redirect_uri: request.redirect_uri,
      state: request.state,
      scope: request.scope,
      code_challenge: request.code_challenge,
      code_challenge_method: request.code_challenge_method,
      resource: request.resource,
    };
    await this.deps.store.oauthGrants.insertCode(record);
    const url = new URL(request.redirect_uri);
    url.searchParams.set('code', code);
    url.searchParams.set('state', request.state);
    // Go's url.Values.Encode sorts by key; clients may compare URLs as text.
    url.searchParams.sort();
    return url.toString();
  }

  private async implicitRedirect(app: OAuthApp, userId: string, request: AuthorizeRequest): Promise<string> {
    const user = await this.deps.store.users.findById(userId);
    if (!user) throw AppError.notFound('app.user.missing_account.const', `user_id=${userId}`);
    const { session, token } = await this.newSession(app, user);
    await this.saveGrant(app, user, session, null, request.redirect_uri, request.scope, '');
    const fragment = new URLSearchParams({
      access_token: token,
      expires_in: String(Math.floor((session.expires_at - this.deps.clock.now()) / 1000)),
      scope: request.scope,
      state: request.state,
      token_type: OAUTH_TOKEN_TYPE,
    });
    return `${request.redirect_uri}#${fragment.toString()}`;
  }

  private async exchangeCode(app: OAuthApp, input: AccessTokenRequest): Promise<AccessResponse> {
    const codeHash = hashToken(input.code);
    const code = await this.deps.store.oauthGrants.findCode(codeHash);
    // A code only works for the app it was issued to.
    if (!code || code.client_id !== app.id) throw tokenError('api.oauth.get_access_token.expired_code.app_error', 400);
    if (this.deps.clock.now() > code.create_at + code.expires_in * 1000) {
      await this.deps.store.oauthGrants.consumeCode(codeHash);
      throw tokenError('api.oauth.get_access_token.expired_code.app_error', 403);
    }
    if (code.redirect_uri !== input.redirect_uri) throw tokenError('api.oauth.get_access_token.redirect_uri.app_error', 400);
    checkPkceAtExchange(code, isPublicClient(app), input.code_verifier);
    const user = await this.deps.store.users.findById(code.user_id);
    if (!user) throw tokenError('api.oauth.get_access_token.internal_user.app_error', 404);
    if (user.delete_at !== 0) throw tokenError('api.oauth.get_access_token.expired_code.app_error', 403);
    const audience = this.audienceFor(input.resource, code.resource, app.id);
    // Single use: of two redemptions racing, only the one that deletes the row goes on.
    if (!(await this.deps.store.oauthGrants.consumeCode(codeHash))) throw tokenError('api.oauth.get_access_token.expired_code.app_error', 400);
    const { session, token } = await this.newSession(app, user);
    const refreshToken = isPublicClient(app) ? '' : newId();
    await this.saveGrant(app, user, session, refreshToken || null, input.redirect_uri, code.scope, audience);
    return this.response(token, refreshToken, audience);
  }

  private async refresh(app: OAuthApp, input: AccessTokenRequest): Promise<AccessResponse> {
    const grant = await this.deps.store.oauthGrants.findAccessByRefreshHash(hashToken(input.refresh_token));
    if (!grant || grant.client_id !== app.id) throw tokenError('api.oauth.get_access_token.refresh_token.app_error', 404);
    const user = await this.deps.store.users.findById(grant.user_id);
    if (!user) throw tokenError('api.oauth.get_access_token.internal_user.app_error', 404);
    // A deactivated account gets no new session, whatever refresh token it holds.
    if (user.delete_at !== 0) throw tokenError('api.oauth.get_access_token.refresh_token.app_error', 404);
    const audience = this.audienceFor(input.resource, grant.audience, app.id);
    const old = await this.deps.sessions.findById(grant.session_id);
    if (old) await this.deps.sessions.revokeSessions(old.user_id, [old]);
    const { session, token } = await this.newSession(app, user);
    const refreshToken = newId();
    await this.deps.store.oauthGrants.rotateAccess(grant.id, {
      session_id: session.id,
      refresh_token_hash: hashToken(refreshToken),
      expires_at: session.expires_at,
      audience,
    });
    return this.response(token, refreshToken, audience);
  }

  /** RFC 8707: a resource named at the token endpoint must be valid and match the one granted. */
  private audienceFor(requested: string, granted: string, clientId: string): string {
    if (requested === '') return granted;
    validateResource(requested, clientId);
    if (granted !== '' && requested !== granted) {
      throw tokenError('api.oauth.get_access_token.resource_mismatch.app_error', 400, `client_id=${clientId}`);
    }
    return requested;
  }

  private async newSession(app: OAuthApp, user: UserRecord): Promise<{ session: SessionRecord; token: string }> {
    return this.deps.sessions.createSession(this.deps.store, user, {
      isOAuth: true,
      expiresInHours: this.deps.config.get().ServiceSettings.SessionLengthSSOInHours,
      props: {
        [SESSION_PROP_PLATFORM]: app.name,
        [SESSION_PROP_OAUTH_APP_ID]: app.id,
        [SESSION_PROP_MATTERMOST_APP_ID]: app.mattermost_app_id,
        [SESSION_PROP_OS]: 'OAuth2',
        [SESSION_PROP_BROWSER]: 'OAuth2',
      },
    });
  }

  private async saveGrant(
    app: OAuthApp,
    user: UserRecord,
    session: SessionRecord,
    refreshToken: string | null,
    redirectUri: string,
    scope: string,
    audience: string,
  ): Promise<void> {
    const grant: AccessDataRecord = {
      id: newId(),
      client_id: app.id,
      user_id: user.id,
      session_id: session.id,
      refresh_token_hash: refreshToken === null ? null : hashToken(refreshToken),
      redirect_uri: redirectUri,
      expires_at: session.expires_at,
      scope,
      audience,
      create_at: this.deps.clock.now(),
    };
    await this.deps.store.oauthGrants.insertAccess(grant);
  }

  private response(token: string, refreshToken: string, audience: string): AccessResponse {
    const body: AccessResponse = {
      access_token: token,
      token_type: OAUTH_TOKEN_TYPE,
      expires_in: this.deps.config.get().ServiceSettings.SessionLengthSSOInHours * 60 * 60,
      scope: '',
      refresh_token: refreshToken,
      id_token: '',
    };
    if (audience) body.audience = audience;
    return body;
  }

  private enabled(): boolean {
    return this.deps.config.get().ServiceSettings.EnableOAuthServiceProvider;
  }
}
