import { createHash } from 'node:crypto';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import { PKCE_METHOD_S256, type AuthorizeRequest, type OAuthApp } from '../../model/oauth.js';
import { runeCount } from '../../model/user.js';

const PKCE_MIN = 43;
const PKCE_MAX = 128;
const CHALLENGE_CHARS = /^[A-Za-z0-9_-]+$/;
const VERIFIER_CHARS = /^[A-Za-z0-9\-._~]+$/;

/** Mattermost's IsValidHTTPURL: an absolute http(s) URL with a host. */
export function isValidHttpUrl(value: string): boolean {
  if (!value.startsWith('http://') && !value.startsWith('https://')) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

function invalidApp(field: string, appId: string): AppError {
  return AppError.badRequest(`model.oauth.is_valid.${field}.app_error`, `app_id=${appId}`);
}

/**
 * Mattermost's OAuthApp.IsValid; the first broken rule wins. Lengths are counted as Go does
 * (bytes, except the description in runes).
 * @throws AppError 400 model.oauth.is_valid.<field>.app_error
 */
export function validateOAuthApp(app: OAuthApp): void {
  if (!isValidId(app.id)) throw invalidApp('app_id', '');
  if (app.create_at === 0) throw invalidApp('create_at', app.id);
  if (app.update_at === 0) throw invalidApp('update_at', app.id);
  if (!isValidId(app.creator_id) && !app.is_dynamically_registered) throw invalidApp('creator_id', app.id);
  if (app.client_secret.length > 128) throw invalidApp('client_secret', app.id);
  if (app.name === '' || Buffer.byteLength(app.name) > 64) throw invalidApp('name', app.id);
  // Go prints a string slice as "[a b c]"; Mattermost bounds that text.
  const printed = `[${app.callback_urls.join(' ')}]`;
  if (app.callback_urls.length === 0 || Buffer.byteLength(printed) > 1024) throw invalidApp('callback', app.id);
  if (!app.callback_urls.every(isValidHttpUrl)) throw invalidApp('callback', app.id);
  if (app.homepage === '' && !app.is_dynamically_registered) throw invalidApp('homepage', app.id);
  if (app.homepage !== '' && (Buffer.byteLength(app.homepage) > 256 || !isValidHttpUrl(app.homepage))) throw invalidApp('homepage', app.id);
  if (runeCount(app.description) > 512) throw invalidApp('description', app.id);
  if (app.icon_url !== '' && (Buffer.byteLength(app.icon_url) > 512 || !isValidHttpUrl(app.icon_url))) throw invalidApp('icon_url', app.id);
  if (Buffer.byteLength(app.mattermost_app_id) > 32) throw invalidApp('mattermost_app_id', app.id);
}

/** Public clients have no secret; they must use PKCE and get no refresh token. */
export function isPublicClient(app: OAuthApp): boolean {
  return app.client_secret === '';
}

function invalidAuthorize(field: string, clientId: string): AppError {
  return AppError.badRequest(`model.authorize.is_valid.${field}.app_error`, clientId ? `client_id=${clientId}` : '');
}

/**
 * Mattermost's AuthorizeRequest.IsValid.
 * @throws AppError 400 model.authorize.is_valid.<field>.app_error
 */
export function validateAuthorizeRequest(request: AuthorizeRequest): void {
  if (!isValidId(request.client_id)) throw invalidAuthorize('client_id', '');
  if (request.response_type === '') throw invalidAuthorize('response_type', '');
  const uri = request.redirect_uri;
  if (uri === '' || Buffer.byteLength(uri) > 256 || !isValidHttpUrl(uri)) throw invalidAuthorize('redirect_uri', request.client_id);
  if (Buffer.byteLength(request.state) > 1024) throw invalidAuthorize('state', request.client_id);
  if (Buffer.byteLength(request.scope) > 128) throw invalidAuthorize('scope', request.client_id);
  if (request.code_challenge !== '' || request.code_challenge_method !== '') {
    validatePkceChallenge(request.code_challenge, request.code_challenge_method, request.client_id);
  }
  validateResource(request.resource, request.client_id);
}

function validatePkceChallenge(challenge: string, method: string, clientId: string): void {
  if (challenge === '') throw invalidAuthorize('code_challenge', clientId);
  if (method === '') throw invalidAuthorize('code_challenge_method', clientId);
  if (method !== PKCE_METHOD_S256) throw invalidAuthorize('code_challenge_method.unsupported', clientId);
  if (challenge.length < PKCE_MIN || challenge.length > PKCE_MAX) throw invalidAuthorize('code_challenge.length', clientId);
  if (!CHALLENGE_CHARS.test(challenge)) throw invalidAuthorize('code_challenge.format', clientId);
}

/**
 * RFC 8707 resource indicator as Mattermost checks it: at most 512 bytes, absolute, no fragment.
 * @throws AppError 400 model.authorize.is_valid.resource.*.app_error
 */
export function validateResource(resource: string, clientId: string): void {
  if (resource === '') return;
  if (Buffer.byteLength(resource) > 512) throw invalidAuthorize('resource.length', clientId);
  let parsed: URL;
  try {
    parsed = new URL(resource);
  } catch {
    throw invalidAuthorize('resource.not_absolute', clientId);
  }
  if (parsed.hash !== '' || resource.includes('#')) throw invalidAuthorize('resource.has_fragment', clientId);
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) must equal the challenge. */
export function pkceVerifierMatches(challenge: string, method: string, verifier: string): boolean {
  if (challenge === '' && method === '') return true;
  if (challenge === '' || method !== PKCE_METHOD_S256) return false;
  if (verifier.length < PKCE_MIN || verifier.length > PKCE_MAX || !VERIFIER_CHARS.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

function pkceError(what: string, clientId: string): AppError {
  return AppError.badRequest(`model.authorize.validate_pkce.${what}.app_error`, `client_id=${clientId}`);
}

/**
 * Mattermost's ValidatePKCEForClientType: public clients must have used PKCE; confidential ones
 * must finish what they started, and may not send a verifier they never announced.
 * @throws AppError 400 model.authorize.validate_pkce.*.app_error
 */
export function checkPkceAtExchange(
  code: { client_id: string; code_challenge: string; code_challenge_method: string },
  publicClient: boolean,
  verifier: string,
): void {
  if (publicClient && code.code_challenge === '') throw pkceError('public_client_required', code.client_id);
  if (code.code_challenge === '') {
    if (verifier !== '') throw pkceError('not_used_in_auth', code.client_id);
    return;
  }
  if (verifier === '') throw pkceError('verifier_required', code.client_id);
  if (!pkceVerifierMatches(code.code_challenge, code.code_challenge_method, verifier)) throw pkceError('verification_failed', code.client_id);
}
