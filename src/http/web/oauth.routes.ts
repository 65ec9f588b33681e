import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import type { AuthorizeRequest } from '../../model/oauth.js';
import type { AccessTokenRequest } from '../../services/oauth/oauth-provider.service.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK } from '../schemas/common.js';
import { MALFORMED_FORM, parseForm, type FormFields } from './form-body.js';
import { loginPage } from './login.page.js';
import { consentPage, oauthErrorPage } from './oauth.pages.js';

type Query = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function authorizeRequestFrom(source: Record<string, unknown>): AuthorizeRequest {
  const text = (key: string): string => {
    const value = source[key];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') throw AppError.invalidParam('authorize_request');
    return value;
  };
  return {
    response_type: text('response_type'),
    client_id: text('client_id'),
    redirect_uri: text('redirect_uri'),
    scope: text('scope'),
    state: text('state'),
    code_challenge: text('code_challenge'),
    code_challenge_method: text('code_challenge_method'),
    resource: text('resource'),
  };
}

/** Mattermost's GetSiteURLHeader: the configured site URL, else the one the request came in on. */
function siteUrl(request: FastifyRequest, services: Services): string {
  const configured = services.config.get().ServiceSettings.SiteURL.replace(/\/+$/, '');
  return configured || `${request.protocol}://${request.host}`;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache, max-age=31556926').send(html);
}

/** The token endpoint reads a form, as Go's ParseForm does: body fields first, then the query string. */
function accessTokenRequestFrom(body: FormFields | undefined, query: Query): AccessTokenRequest {
  if (body === MALFORMED_FORM) throw AppError.badRequest('api.oauth.get_access_token.bad_request.app_error');
  const value = (key: string): string => body?.[key] ?? first(query[key]);
  return {
    grant_type: value('grant_type'),
    client_id: value('client_id'),
    client_secret: value('client_secret'),
    code: value('code'),
    redirect_uri: value('redirect_uri'),
    refresh_token: value('refresh_token'),
    code_verifier: value('code_verifier'),
    resource: value('resource'),
  };
}

/** Mattermost's checks of the token request that need no database, in its order. */
function checkAccessTokenRequest(input: AccessTokenRequest): void {
  if (input.grant_type === 'authorization_code') {
    if (input.code === '') throw AppError.badRequest('api.oauth.get_access_token.missing_code.app_error');
  } else if (input.grant_type === 'refresh_token') {
    if (input.refresh_token === '') throw AppError.badRequest('api.oauth.get_access_token.missing_refresh_token.app_error');
  } else {
    throw AppError.badRequest('api.oauth.get_access_token.bad_grant.app_error');
  }
  if (!isValidId(input.client_id)) throw AppError.badRequest('api.oauth.get_access_token.bad_client_id.app_error');
}

/**
 * The OAuth 2.0 provider's browser and client endpoints, at the site root as in Mattermost:
 * /oauth/authorize, /oauth/access_token, /oauth/deauthorize, plus the /login page the
 * authorization endpoint sends signed-out browsers to.
 */
export async function oauthWebRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const provider = services.oauthProvider;

  // GET /oauth/authorize: consent page, or a redirect (to sign in, or back to a trusted/allowed app)
  app.get('/oauth/authorize', { config: { auth: 'optional' } }, async (request, reply) => {
    const query = request.query as Query;
    const authorize: AuthorizeRequest = authorizeRequestFrom(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, first(v)])));
    try {
      const outcome = await provider.authorizePage(request.ctx, authorize);
      if (outcome.kind === 'login') {
        return reply.redirect(`${siteUrl(request, services)}/login?redirect_to=${encodeURIComponent(request.url)}`, 302);
      }
      if (outcome.kind === 'redirect') return reply.redirect(outcome.url, 302);
      reply.header('x-frame-options', 'SAMEORIGIN').header('content-security-policy', "frame-ancestors 'self'");
      return sendHtml(reply, 200, consentPage(services.config.get().TeamSettings.SiteName, outcome.app, authorize));
    } catch (error) {
      // Browsers get an error page carrying Mattermost's status, not JSON.
      if (error instanceof AppError) return sendHtml(reply, error.statusCode, oauthErrorPage(error.message));
      throw error;
    }
  });

  // POST /oauth/authorize: the user allows the app (Mattermost's web app sends JSON and follows `redirect`)
  app.post('/oauth/authorize', { config: { bodyName: 'authorize_request' } }, async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw AppError.invalidParam('authorize_request');
    const redirect = await provider.authorizeOAuthApp(request.ctx, authorizeRequestFrom(body as Record<string, unknown>));
    return { redirect };
  });

  // POST /oauth/deauthorize: {client_id}; ends the caller's tokens for the app
  app.post('/oauth/deauthorize', { config: { bodyName: 'client_id' } }, async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    const clientId = typeof body === 'object' && body !== null ? body['client_id'] : undefined;
    if (!isValidId(clientId)) throw AppError.invalidParam('client_id');
    await provider.deauthorizeOAuthApp(request.ctx, clientId);
    return STATUS_OK;
  });

  // GET /login: where GET /oauth/authorize sends signed-out browsers
  app.get('/login', { config: { auth: 'none' } }, async (request, reply) => {
    const redirectTo = first((request.query as Query)['redirect_to']);
    return sendHtml(reply, 200, loginPage(services.config.get().TeamSettings.SiteName, redirectTo));
  });

  await app.register(async (token) => {
    // The token endpoint takes a form; other bodies are ignored, as Go's ParseForm ignores them.
    token.removeAllContentTypeParsers();
    token.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, text, done) => {
      done(null, parseForm(typeof text === 'string' ? text : text.toString('utf8')));
    });
    token.addContentTypeParser('*', { parseAs: 'string' }, (_req, _text, done) => done(null, undefined));

    // POST /oauth/access_token: authorization_code and refresh_token grants
    token.post('/oauth/access_token', { config: { auth: 'none' } }, async (request, reply) => {
      const input = accessTokenRequestFrom(request.body as FormFields | undefined, request.query as Query);
      checkAccessTokenRequest(input);
      const response = await provider.getAccessToken(input);
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(response);
    });
  });
}
