import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { OAuthAppFields } from '../../services/oauth/oauth-app.service.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, UserIdParams, pageParams, requireId, resolveUserId } from '../schemas/common.js';

const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const Urls = Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()]));
const Flag = Type.Optional(Type.Union([Type.Boolean(), Type.Null()]));

const AppFields = {
  name: Text,
  description: Text,
  icon_url: Text,
  callback_urls: Urls,
  homepage: Text,
  is_trusted: Flag,
};
const CreateAppBody = Type.Object({ ...AppFields, is_public: Flag });
const UpdateAppBody = Type.Object({ ...AppFields, id: Text, mattermost_app_id: Text });

const AppIdParams = Type.Object({ app_id: Type.String() });

/** Go decodes JSON null as the zero value; so do we. */
function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

/** The fields both registration and edit take. */
function appFields(body: { [K in keyof typeof AppFields]?: Static<(typeof AppFields)[K]> }): OAuthAppFields {
  return {
    name: orUndefined(body.name),
    description: orUndefined(body.description),
    icon_url: orUndefined(body.icon_url),
    callback_urls: orUndefined(body.callback_urls),
    homepage: orUndefined(body.homepage),
    is_trusted: orUndefined(body.is_trusted),
  };
}

/** OAuth 2.0 client apps: /oauth/apps and the user's authorized apps. */
export const oauthAppRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const apps = services.oauthApps;

  // POST /api/v4/oauth/apps (CreateOAuthApp)
  app.post('/oauth/apps', { schema: { body: CreateAppBody }, config: { bodyName: 'oauth_app' } }, async (request, reply) => {
    const body = request.body;
    if (!body) throw AppError.invalidParam('oauth_app');
    const created = await apps.createOAuthApp(request.ctx, { ...appFields(body), is_public: orUndefined(body.is_public) });
    return reply.code(201).send(created);
  });

  // GET /api/v4/oauth/apps (GetOAuthApps)
  app.get('/oauth/apps', { schema: { querystring: PageQuery } }, async (request) => {
    const { page, perPage } = pageParams(request.query);
    return apps.getOAuthApps(request.ctx, page, perPage);
  });

  // GET /api/v4/oauth/apps/{app_id} (GetOAuthApp)
  app.get('/oauth/apps/:app_id', { schema: { params: AppIdParams } }, async (request) => {
    return apps.getOAuthApp(request.ctx, requireId(request.params.app_id, 'app_id'));
  });

  // PUT /api/v4/oauth/apps/{app_id} (UpdateOAuthApp)
  app.put('/oauth/apps/:app_id', { schema: { params: AppIdParams, body: UpdateAppBody }, config: { bodyName: 'oauth_app' } }, async (request) => {
    const appId = requireId(request.params.app_id, 'app_id');
    const body = request.body;
    if (!body) throw AppError.invalidParam('oauth_app');
    return apps.updateOAuthApp(request.ctx, appId, {
      ...appFields(body),
      id: orUndefined(body.id),
      mattermost_app_id: orUndefined(body.mattermost_app_id),
    });
  });

  // DELETE /api/v4/oauth/apps/{app_id} (DeleteOAuthApp)
  app.delete('/oauth/apps/:app_id', { schema: { params: AppIdParams } }, async (request) => {
    await apps.deleteOAuthApp(request.ctx, requireId(request.params.app_id, 'app_id'));
    return STATUS_OK;
  });

  // POST /api/v4/oauth/apps/{app_id}/regen_secret (RegenerateOAuthAppSecret)
  app.post('/oauth/apps/:app_id/regen_secret', { schema: { params: AppIdParams } }, async (request) => {
    return apps.regenerateOAuthAppSecret(request.ctx, requireId(request.params.app_id, 'app_id'));
  });

  // GET /api/v4/oauth/apps/{app_id}/info (GetOAuthAppInfo)
  app.get('/oauth/apps/:app_id/info', { schema: { params: AppIdParams } }, async (request) => {
    return apps.getOAuthAppInfo(requireId(request.params.app_id, 'app_id'));
  });

  // GET /api/v4/users/{user_id}/oauth/apps/authorized (GetAuthorizedOAuthAppsForUser)
  app.get('/users/:user_id/oauth/apps/authorized', { schema: { params: UserIdParams, querystring: PageQuery } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const { page, perPage } = pageParams(request.query);
    return apps.getAuthorizedOAuthApps(request.ctx, userId, page, perPage);
  });
};
