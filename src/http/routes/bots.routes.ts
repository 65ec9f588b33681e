import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, UserIdParams, pageParams, queryBool, requireId, resolveUserId } from '../schemas/common.js';
import { UserBody, stripUnpatchable } from './users.routes.js';

const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const BotPatchBody = Type.Object({ username: Text, display_name: Text, description: Text });
const BotParams = Type.Object({ bot_user_id: Type.String() });
function botPatch(body: { username?: string | null; display_name?: string | null; description?: string | null }) {
  return { username: body.username ?? undefined, display_name: body.display_name ?? undefined, description: body.description ?? undefined };
}

/**
 * The multipart "image" field of an icon upload, with Mattermost's errors for a body that is too
 * large or has no image.
 */
async function readIconUpload(request: FastifyRequest, maxFileSize: number): Promise<Buffer> {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > maxFileSize) throw new AppError('api.bot.set_bot_icon_image.too_large.app_error', 413);
  if (!request.isMultipart()) throw AppError.badRequest('api.bot.set_bot_icon_image.no_file.app_error', 'not a multipart body');
  for await (const part of request.parts()) {
    if (part.type !== 'file' || part.fieldname !== 'image') continue;
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError('api.bot.set_bot_icon_image.too_large.app_error', 413);
    return data;
  }
  throw AppError.badRequest('api.bot.set_bot_icon_image.no_file.app_error');
}

/** Bot accounts: /bots and the user to bot conversion. */
export const botRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const bots = services.bots;
  const botId = (raw: string) => requireId(raw, 'bot_user_id');

  // POST /api/v4/bots (CreateBot)
  app.post('/bots', { schema: { body: BotPatchBody }, config: { bodyName: 'bot' } }, async (request, reply) => {
    if (!request.body) throw AppError.invalidParam('bot');
    return reply.code(201).send(await bots.createBot(request.ctx, botPatch(request.body)));
  });

  // GET /api/v4/bots (GetBots)
  app.get(
    '/bots',
    { schema: { querystring: Type.Object({ ...PageQuery.properties, include_deleted: Type.Optional(Type.String()), only_orphaned: Type.Optional(Type.String()) }) } },
    async (request) => {
      const { page, perPage } = pageParams(request.query);
      return bots.getBots(request.ctx, {
        page,
        perPage,
        includeDeleted: queryBool(request.query.include_deleted),
        onlyOrphaned: queryBool(request.query.only_orphaned),
      });
    },
  );

  // PUT /api/v4/bots/{bot_user_id} (PatchBot)
  app.put('/bots/:bot_user_id', { schema: { params: BotParams, body: BotPatchBody }, config: { bodyName: 'bot' } }, async (request) => {
    const id = botId(request.params.bot_user_id);
    if (!request.body) throw AppError.invalidParam('bot');
    return bots.patchBot(request.ctx, id, botPatch(request.body));
  });

  // GET /api/v4/bots/{bot_user_id} (GetBot)
  app.get(
    '/bots/:bot_user_id',
    { schema: { params: BotParams, querystring: Type.Object({ include_deleted: Type.Optional(Type.String()) }) } },
    async (request) => bots.getBot(request.ctx, botId(request.params.bot_user_id), queryBool(request.query.include_deleted)),
  );

  // POST /api/v4/bots/{bot_user_id}/disable (DisableBot)
  app.post('/bots/:bot_user_id/disable', { schema: { params: BotParams } }, async (request) =>
    bots.updateBotActive(request.ctx, botId(request.params.bot_user_id), false),
  );

  // POST /api/v4/bots/{bot_user_id}/enable (EnableBot)
  app.post('/bots/:bot_user_id/enable', { schema: { params: BotParams } }, async (request) =>
    bots.updateBotActive(request.ctx, botId(request.params.bot_user_id), true),
  );

  // POST /api/v4/bots/{bot_user_id}/assign/{user_id} (AssignBot)
  app.post(
    '/bots/:bot_user_id/assign/:user_id',
    { schema: { params: Type.Object({ bot_user_id: Type.String(), user_id: Type.String() }) } },
    async (request) => {
      const id = botId(request.params.bot_user_id);
      return bots.assignBot(request.ctx, id, resolveUserId(request.ctx, request.params.user_id));
    },
  );

  // GET /api/v4/bots/{bot_user_id}/icon (GetBotIconImage)
  app.get('/bots/:bot_user_id/icon', { schema: { params: BotParams } }, async (request, reply) => {
    const icon = await services.botIcons.getBotIconImage(request.ctx, botId(request.params.bot_user_id));
    if (request.headers['if-none-match'] === icon.etag) return reply.code(304).send();
    // SVG can carry script: forbid it from running if a browser opens the icon directly.
    return reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'max-age=86400, private')
      .header('etag', icon.etag)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(icon.svg);
  });

  // POST /api/v4/bots/{bot_user_id}/icon (SetBotIconImage)
  app.post('/bots/:bot_user_id/icon', { schema: { params: BotParams } }, async (request) => {
    const maxFileSize = services.config.get().FileSettings.MaxFileSize;
    await services.botIcons.setBotIconImage(request.ctx, botId(request.params.bot_user_id), () => readIconUpload(request, maxFileSize));
    return STATUS_OK;
  });

  // DELETE /api/v4/bots/{bot_user_id}/icon (DeleteBotIconImage)
  app.delete('/bots/:bot_user_id/icon', { schema: { params: BotParams } }, async (request) => {
    await services.botIcons.deleteBotIconImage(request.ctx, botId(request.params.bot_user_id));
    return STATUS_OK;
  });

  // POST /api/v4/bots/{bot_user_id}/convert_to_user (ConvertBotToUser)
  app.post(
    '/bots/:bot_user_id/convert_to_user',
    {
      schema: { params: BotParams, body: UserBody, querystring: Type.Object({ set_system_admin: Type.Optional(Type.String()) }) },
      config: { bodyName: 'userPatch' },
    },
    async (request) => {
      const id = botId(request.params.bot_user_id);
      const { password, ...profile } = stripUnpatchable(request.body ?? {});
      const user = await bots.convertBotToUser(request.ctx, id, { ...profile, password: password ?? '' }, queryBool(request.query.set_system_admin));
      return services.users.presentFull(user);
    },
  );

  // POST /api/v4/users/{user_id}/convert_to_bot (ConvertUserToBot)
  app.post('/users/:user_id/convert_to_bot', { schema: { params: UserIdParams } }, async (request) =>
    bots.convertUserToBot(request.ctx, resolveUserId(request.ctx, request.params.user_id)),
  );
};
