import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LiveConfig } from '../../config/live-config.js';
import { findToken, type TokenLocation } from '../../lib/auth-token.js';
import { safeEqual } from '../../lib/hash.js';
import { AppError } from '../../model/app-error.js';
import { SESSION_COOKIE_NAME, SESSION_PROP_CSRF, type SessionRecord } from '../../model/session.js';
import type { SessionService } from '../../services/auth/session.service.js';
import type { RequestContext } from '../../services/common/context.js';
import type { UserService } from '../../services/users/user.service.js';

export const SESSION_COOKIE = SESSION_COOKIE_NAME;
export const USER_COOKIE = 'MMUSERID';
export const CSRF_COOKIE = 'MMCSRF';

/** Finds the bearer token where Mattermost looks, in its order: cookie, Bearer, Token, query. */
export function readToken(request: FastifyRequest): { token: string; location: TokenLocation } {
  const query = request.query as Record<string, unknown> | undefined;
  return findToken({ cookie: request.cookies[SESSION_COOKIE], authorization: request.headers.authorization, query: query?.['access_token'] });
}

/**
 * Resolves the caller's session before every API handler and enforces the route's auth mode,
 * CSRF for cookie-authenticated writes, and MFA enforcement.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { sessions: SessionService; config: LiveConfig; users: UserService },
): void {
  app.addHook('preHandler', async (request) => {
    const mode = request.routeOptions.config.auth ?? 'required';
    const base: RequestContext = {
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      session: undefined,
      isSystem: false,
    };
    request.ctx = base;
    // Unknown routes answer 404 whoever asks; a session lookup would only turn them into 401s.
    if (mode === 'none' || request.is404) return;
    const { token, location } = readToken(request);
    if (!token) {
      if (mode === 'required') throw AppError.unauthorized('no token');
      return;
    }
    const session = await deps.sessions.resolve(token);
    if (!session) {
      if (mode === 'required') throw AppError.unauthorized('invalid or expired token');
      return;
    }
    if (location === 'query' && !session.is_oauth) {
      // Mattermost accepts tokens in the URL only from OAuth apps; a session token there is refused.
      throw new AppError('api.context.token_provided.app_error', 401);
    }
    if (location === 'cookie' && request.method !== 'GET' && request.method !== 'HEAD' && !csrfOk(request, session, deps.config)) {
      if (mode === 'required') throw AppError.unauthorized('appears to be a CSRF attempt');
      return;
    }
    const settings = deps.config.get().ServiceSettings;
    if (settings.EnableMultifactorAuthentication && settings.EnforceMultifactorAuthentication && !isMfaExempt(request, session)) {
      const user = await deps.users.getUser(session.user_id);
      if (!user.mfa_active && !user.is_bot && (!user.auth_service || user.auth_service === 'email')) {
        throw new AppError('api.context.mfa_required.app_error', 403);
      }
    }
    request.ctx = { ...base, session, viaCookie: location === 'cookie' };
  });
}

/**
 * Routes reachable before MFA is set up under enforcement: those marked `mfaExempt`, and the exact
 * path /api/v4/users/me (Mattermost lets a user read themself, not others through the same route).
 * OAuth apps are not asked either.
 */
function isMfaExempt(request: FastifyRequest, session: SessionRecord): boolean {
  if (request.routeOptions.config.mfaExempt || session.is_oauth) return true;
  return request.url.split('?')[0] === '/api/v4/users/me';
}

function csrfOk(request: FastifyRequest, session: SessionRecord, config: LiveConfig): boolean {
  const header = request.headers['x-csrf-token'];
  const expected = session.props[SESSION_PROP_CSRF] ?? '';
  if (typeof header === 'string' && expected && safeEqual(header, expected)) return true;
  // Without strict enforcement Mattermost still accepts the XMLHttpRequest marker, which a
  // cross-site form cannot set.
  return !config.get().ServiceSettings.ExperimentalStrictCSRFEnforcement && request.headers['x-requested-with'] === 'XMLHttpRequest';
}
