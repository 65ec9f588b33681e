import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { SESSION_PROP_CSRF, type SessionRecord } from '../../model/session.js';
import { toWireSession } from '../../services/auth/session.service.js';
import type { Services } from '../../services/services.js';
import { CSRF_COOKIE, SESSION_COOKIE, USER_COOKIE } from '../plugins/auth.js';
import { PageQuery, STATUS_OK, UserIdParams, pageParams, requireId, resolveUserId } from '../schemas/common.js';

const LoginBody = Type.Object({
  id: Type.Optional(Type.String()),
  login_id: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  token: Type.Optional(Type.String()),
  device_id: Type.Optional(Type.String()),
  ldap_only: Type.Optional(Type.Union([Type.String(), Type.Boolean()])),
});

/** Login, logout, sessions, MFA and audits: the /users routes about authentication. */
export const authRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // POST /api/v4/users/login (Login)
  app.post('/users/login', { schema: { body: LoginBody }, config: { auth: 'none' } }, async (request, reply) => {
    const body = request.body ?? {};
    const { user, session, token } = await services.login.login(request.ctx, body);
    reply.header('Token', token);
    // Browsers get cookies only when they identify as the web app, as Mattermost does.
    if (request.headers['x-requested-with'] === 'XMLHttpRequest') setSessionCookies(request, reply, session, token, services);
    return services.users.presentFull(user);
  });

  // POST /api/v4/users/logout (Logout)
  app.post('/users/logout', { config: { auth: 'optional', mfaExempt: true } }, async (request, reply) => {
    await services.login.logout(request.ctx);
    for (const name of [SESSION_COOKIE, USER_COOKIE, CSRF_COOKIE]) reply.clearCookie(name, { path: '/' });
    return STATUS_OK;
  });

  // POST /api/v4/users/mfa (CheckUserMfa)
  app.post('/users/mfa', { schema: { body: Type.Object({ login_id: Type.Optional(Type.String()) }) }, config: { auth: 'none' } }, async (request) => {
    const loginId = request.body?.login_id ?? '';
    if (!loginId) throw AppError.invalidParam('login_id');
    return { mfa_required: await services.login.isMfaRequired(loginId) };
  });

  // PUT /api/v4/users/{user_id}/mfa (UpdateUserMfa)
  app.put(
    '/users/:user_id/mfa',
    {
      schema: { params: UserIdParams, body: Type.Object({ activate: Type.Boolean(), code: Type.Optional(Type.String()) }) },
      config: { mfaExempt: true },
    },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      const { activate, code } = request.body;
      if (activate && !code) throw AppError.invalidParam('code');
      await services.mfa.updateMfa(request.ctx, userId, activate, code);
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/{user_id}/mfa/generate (GenerateMfaSecret)
  app.post('/users/:user_id/mfa/generate', { schema: { params: UserIdParams }, config: { mfaExempt: true } }, async (request, reply) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    reply.header('Cache-Control', 'no-cache').header('Pragma', 'no-cache').header('Expires', '0');
    return services.mfa.generateSecret(request.ctx, userId);
  });

  // GET /api/v4/users/{user_id}/sessions (GetSessions)
  app.get('/users/:user_id/sessions', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.permissions.requirePermissionToUser(request.ctx, userId);
    return (await services.sessions.listForUser(userId)).map(toWireSession);
  });

  // POST /api/v4/users/{user_id}/sessions/revoke (RevokeSession)
  app.post(
    '/users/:user_id/sessions/revoke',
    { schema: { params: UserIdParams, body: Type.Object({ session_id: Type.Optional(Type.String()) }) } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      await services.permissions.requirePermissionToUser(request.ctx, userId);
      const sessionId = requireBodyId(request.body?.session_id, 'session_id');
      const session = await services.sessions.findById(sessionId);
      if (!session) throw AppError.notFound('app.session.get.app_error', `session_id=${sessionId}`);
      if (session.user_id !== userId) throw AppError.invalidUrlParam('user_id');
      await services.sessions.revokeSessions(userId, [session]);
      await services.audits.record(request.ctx, userId, `/api/v4/users/${userId}/sessions/revoke`, `session_id=${sessionId}`);
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/{user_id}/sessions/revoke/all (RevokeAllSessionsForUser)
  app.post('/users/:user_id/sessions/revoke/all', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.permissions.requirePermissionToUser(request.ctx, userId);
    await services.sessions.revokeAllForUser(userId);
    await services.audits.record(request.ctx, userId, `/api/v4/users/${userId}/sessions/revoke/all`);
    return STATUS_OK;
  });

  // PUT /api/v4/users/sessions/device (AttachDeviceId)
  app.put(
    '/users/sessions/device',
    { schema: { body: Type.Object({ device_id: Type.Optional(Type.String()) }) }, config: { mfaExempt: true } },
    async (request, reply) => {
      const deviceId = request.body?.device_id ?? '';
      if (!deviceId || deviceId.length > 512) throw AppError.invalidParam('device_id');
      const session = request.ctx.session;
      if (!session) throw AppError.unauthorized();
      await services.sessions.attachDevice(session, deviceId);
      if (request.ctx.viaCookie) setSessionCookies(request, reply, session, request.cookies[SESSION_COOKIE] ?? '', services);
      return STATUS_OK;
    },
  );

  // GET /api/v4/users/{user_id}/audits (GetUserAudits)
  app.get('/users/:user_id/audits', { schema: { params: UserIdParams, querystring: PageQuery } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const { page, perPage } = pageParams(request.query);
    return services.audits.listForUser(request.ctx, userId, page, perPage);
  });
};

function requireBodyId(value: string | undefined, name: string): string {
  if (!value) throw AppError.invalidParam(name);
  try {
    return requireId(value, name);
  } catch {
    throw AppError.invalidParam(name);
  }
}

/** Mattermost's three cookies: the HttpOnly token, the user id and the CSRF token for the web app. */
function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: SessionRecord, token: string, services: Services): void {
  const siteUrl = services.config.get().ServiceSettings.SiteURL;
  const secure = request.protocol === 'https' || siteUrl.startsWith('https://');
  const maxAge = Math.max(0, Math.floor((session.expires_at - Date.now()) / 1000));
  const common = { path: '/', maxAge, expires: new Date(session.expires_at), secure, sameSite: 'lax' as const };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(USER_COOKIE, session.user_id, common);
  reply.setCookie(CSRF_COOKIE, session.props[SESSION_PROP_CSRF] ?? '', common);
}
