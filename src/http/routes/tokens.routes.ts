import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, UserIdParams, pageParams, requireId, resolveUserId } from '../schemas/common.js';

const CreateTokenBody = Type.Object({
  description: Type.Optional(Type.String()),
  expires_at: Type.Optional(Type.Integer()),
});

const TokenIdBody = Type.Object({ token_id: Type.Optional(Type.String()) });

/** The token id of a revoke/disable/enable body. @throws AppError 400 invalid_body_param token_id */
function bodyTokenId(body: { token_id?: string | undefined } | undefined): string {
  const tokenId = body?.token_id ?? '';
  if (!isValidId(tokenId)) throw AppError.invalidParam('token_id');
  return tokenId;
}

/** Personal access tokens: /users/{user_id}/tokens and /users/tokens/*. */
export const tokenRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const tokens = services.accessTokens;

  // POST /api/v4/users/{user_id}/tokens (CreateUserAccessToken)
  app.post(
    '/users/:user_id/tokens',
    { schema: { params: UserIdParams, body: CreateTokenBody }, config: { bodyName: 'user_access_token' } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      if (!request.body) throw AppError.invalidParam('user_access_token');
      return tokens.createUserAccessToken(request.ctx, userId, request.body);
    },
  );

  // GET /api/v4/users/{user_id}/tokens (GetUserAccessTokensForUser)
  app.get('/users/:user_id/tokens', { schema: { params: UserIdParams, querystring: PageQuery } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const { page, perPage } = pageParams(request.query);
    return tokens.getUserAccessTokensForUser(request.ctx, userId, page, perPage);
  });

  // GET /api/v4/users/tokens (GetUserAccessTokens)
  app.get('/users/tokens', { schema: { querystring: PageQuery } }, async (request) => {
    const { page, perPage } = pageParams(request.query);
    return tokens.getUserAccessTokens(request.ctx, page, perPage);
  });

  // POST /api/v4/users/tokens/search (SearchUserAccessTokens)
  app.post(
    '/users/tokens/search',
    { schema: { body: Type.Object({ term: Type.Optional(Type.String()) }) }, config: { bodyName: 'user_access_token_search' } },
    async (request) => {
      if (!request.body) throw AppError.invalidParam('user_access_token_search');
      return tokens.searchUserAccessTokens(request.ctx, request.body.term ?? '');
    },
  );

  // GET /api/v4/users/tokens/{token_id} (GetUserAccessToken)
  app.get('/users/tokens/:token_id', { schema: { params: Type.Object({ token_id: Type.String() }) } }, async (request) => {
    return tokens.getUserAccessToken(request.ctx, requireId(request.params.token_id, 'token_id'));
  });

  // POST /api/v4/users/tokens/revoke (RevokeUserAccessToken)
  app.post('/users/tokens/revoke', { schema: { body: TokenIdBody } }, async (request) => {
    await tokens.revokeUserAccessToken(request.ctx, bodyTokenId(request.body));
    return STATUS_OK;
  });

  // POST /api/v4/users/tokens/disable (DisableUserAccessToken)
  app.post('/users/tokens/disable', { schema: { body: TokenIdBody } }, async (request) => {
    await tokens.disableUserAccessToken(request.ctx, bodyTokenId(request.body));
    return STATUS_OK;
  });

  // POST /api/v4/users/tokens/enable (EnableUserAccessToken)
  app.post('/users/tokens/enable', { schema: { body: TokenIdBody } }, async (request) => {
    await tokens.enableUserAccessToken(request.ctx, bodyTokenId(request.body));
    return STATUS_OK;
  });
};
