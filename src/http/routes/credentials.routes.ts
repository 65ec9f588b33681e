import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { callerId } from '../../services/common/context.js';
import type { Services } from '../../services/services.js';
import { ONE_TIME_TOKEN_LENGTH } from '../../services/users/one-time-token.js';
import { STATUS_OK, UserIdParams, resolveUserId } from '../schemas/common.js';

const RedirectQuery = Type.Object({ r: Type.Optional(Type.String()) });

/** A mailed token as Mattermost accepts it: exactly 64 characters, else invalid_body_param token. */
function mailedToken(value: string | undefined): string {
  if (value === undefined || value.length !== ONE_TIME_TOKEN_LENGTH) throw AppError.invalidParam('token');
  return value;
}

function requiredEmail(value: string | undefined): string {
  const email = (value ?? '').toLowerCase();
  if (email === '') throw AppError.invalidParam('email');
  return email;
}

/** Passwords, mailed reset and verification links, and the account's sign-in method. */
export const credentialRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // PUT /api/v4/users/{user_id}/password (UpdateUserPassword)
  app.put(
    '/users/:user_id/password',
    {
      schema: {
        params: UserIdParams,
        body: Type.Object({
          current_password: Type.Optional(Type.String()),
          new_password: Type.Optional(Type.String()),
          already_hashed: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      await services.passwords.updatePassword(request.ctx, userId, request.body ?? {});
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/password/reset/send (SendPasswordResetEmail)
  app.post(
    '/users/password/reset/send',
    { schema: { body: Type.Object({ email: Type.Optional(Type.String()) }) }, config: { auth: 'optional' } },
    async (request) => {
      await services.passwords.sendPasswordReset(request.ctx, requiredEmail(request.body?.email));
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/password/reset (ResetPassword)
  app.post(
    '/users/password/reset',
    { schema: { body: Type.Object({ token: Type.Optional(Type.String()), new_password: Type.Optional(Type.String()) }) }, config: { auth: 'optional' } },
    async (request) => {
      const token = mailedToken(request.body?.token);
      await services.passwords.resetPasswordFromToken(request.ctx, token, request.body?.new_password ?? '');
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/email/verify/send (SendVerificationEmail)
  app.post(
    '/users/email/verify/send',
    { schema: { body: Type.Object({ email: Type.Optional(Type.String()) }), querystring: RedirectQuery }, config: { auth: 'optional' } },
    async (request) => {
      await services.emailVerification.sendVerificationEmail(request.ctx, requiredEmail(request.body?.email), request.query.r ?? '');
      return STATUS_OK;
    },
  );

  // POST /api/v4/users/email/verify (VerifyUserEmail)
  app.post('/users/email/verify', { schema: { body: Type.Object({ token: Type.Optional(Type.String()) }) }, config: { auth: 'optional' } }, async (request) => {
    await services.emailVerification.verifyEmailFromToken(request.ctx, mailedToken(request.body?.token));
    return STATUS_OK;
  });

  // POST /api/v4/users/{user_id}/email/verify/member (VerifyUserEmailWithoutToken)
  app.post('/users/:user_id/email/verify/member', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return services.users.presentFull(await services.emailVerification.verifyUserEmailWithoutToken(request.ctx, userId));
  });

  // POST /api/v4/users/login/switch (SwitchAccountType)
  app.post(
    '/users/login/switch',
    {
      schema: {
        body: Type.Object({
          current_service: Type.Optional(Type.String()),
          new_service: Type.Optional(Type.String()),
          email: Type.Optional(Type.String()),
          password: Type.Optional(Type.String()),
          new_password: Type.Optional(Type.String()),
          mfa_code: Type.Optional(Type.String()),
          ldap_id: Type.Optional(Type.String()),
        }),
      },
      config: { auth: 'optional', bodyName: 'switch_request' },
    },
    async (request) => {
      if (!request.body) throw AppError.invalidParam('switch_request');
      return { follow_link: await services.authSwitch.switchAccountType(request.ctx, request.body) };
    },
  );

  // PUT /api/v4/users/{user_id}/auth (UpdateUserAuth)
  app.put(
    '/users/:user_id/auth',
    {
      schema: {
        params: UserIdParams,
        body: Type.Object({ auth_data: Type.Optional(Type.Union([Type.String(), Type.Null()])), auth_service: Type.Optional(Type.String()), password: Type.Optional(Type.String()) }),
      },
      config: { bodyName: 'user' },
    },
    async (request) => {
      // The permission is checked before the id, as Mattermost does, so "me" is resolved here without validation.
      const raw = request.params.user_id;
      const userId = raw === 'me' ? callerId(request.ctx) : raw;
      if (!request.body) throw AppError.invalidParam('user');
      return services.authSwitch.updateUserAuth(request.ctx, userId, request.body);
    },
  );
};
