import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { UserIdParams, requireId, resolveUserId } from '../schemas/common.js';
import { ChannelViewBody, UserChannelParams, UserTeamParams } from '../schemas/channels.schemas.js';

/** Reading channels: marking them viewed, and unread counts. */
export const channelReadRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const reads = services.channelReads;

  // POST /api/v4/channels/members/{user_id}/view (ViewChannel)
  app.post('/channels/members/:user_id/view', { schema: { params: UserIdParams, body: ChannelViewBody }, config: { bodyName: 'channel_view' } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    if (!request.body) throw AppError.invalidParam('channel_view');
    const times = await reads.viewChannel(request.ctx, userId, request.body);
    // Mattermost keeps "status" in this answer for older clients.
    return { status: 'OK', last_viewed_at_times: times };
  });

  // GET /api/v4/users/{user_id}/channels/{channel_id}/unread (GetChannelUnread)
  app.get('/users/:user_id/channels/:channel_id/unread', { schema: { params: UserChannelParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return reads.getChannelUnread(request.ctx, userId, requireId(request.params.channel_id, 'channel_id'));
  });

  // GET /api/v4/users/{user_id}/teams/unread (GetTeamsUnreadForUser)
  app.get(
    '/users/:user_id/teams/unread',
    { schema: { params: UserIdParams, querystring: Type.Object({ exclude_team: Type.Optional(Type.String()), include_collapsed_threads: Type.Optional(Type.String()) }) } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      return reads.getTeamsUnreadForUser(request.ctx, userId, request.query.exclude_team ?? '');
    },
  );

  // GET /api/v4/users/{user_id}/teams/{team_id}/unread (GetTeamUnread)
  app.get('/users/:user_id/teams/:team_id/unread', { schema: { params: UserTeamParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return reads.getTeamUnread(request.ctx, userId, requireId(request.params.team_id, 'team_id'));
  });
};
