import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK, bodyField, parseBool, requireId } from '../schemas/common.js';
import { ChannelBody, ChannelIdParams, ChannelPatchBody } from '../schemas/channels.schemas.js';

/** Channels themselves: creation, conversations, reading, changes, privacy, archive, scheme, stats. */
export const channelRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const channels = services.channels;
  const channelId = (params: { channel_id: string }) => requireId(params.channel_id, 'channel_id');

  // POST /api/v4/channels (CreateChannel)
  app.post('/channels', { schema: { body: ChannelBody }, config: { bodyName: 'channel' } }, async (request, reply) => {
    if (!request.body) throw AppError.invalidParam('channel');
    return reply.code(201).send(await channels.createChannel(request.ctx, request.body));
  });

  // POST /api/v4/channels/direct (CreateDirectChannel)
  app.post('/channels/direct', { schema: { body: Type.Unknown() }, config: { bodyName: 'user_ids' } }, async (request, reply) => {
    return reply.code(201).send(await services.directChannels.createDirectChannel(request.ctx, request.body));
  });

  // POST /api/v4/channels/group (CreateGroupChannel)
  app.post('/channels/group', { schema: { body: Type.Unknown() }, config: { bodyName: 'user_ids' } }, async (request, reply) => {
    return reply.code(201).send(await services.directChannels.createGroupChannel(request.ctx, request.body));
  });

  // GET /api/v4/channels/{channel_id} (GetChannel)
  app.get('/channels/:channel_id', { schema: { params: ChannelIdParams } }, async (request) => {
    return services.channelQueries.getChannel(request.ctx, channelId(request.params));
  });

  // PUT /api/v4/channels/{channel_id} (UpdateChannel)
  app.put('/channels/:channel_id', { schema: { params: ChannelIdParams, body: ChannelBody }, config: { bodyName: 'channel' } }, async (request) => {
    const id = channelId(request.params);
    if (!request.body) throw AppError.invalidParam('channel');
    if (request.body.id !== id) throw AppError.invalidParam('channel_id');
    return channels.updateChannel(request.ctx, id, request.body);
  });

  // PUT /api/v4/channels/{channel_id}/patch (PatchChannel)
  app.put('/channels/:channel_id/patch', { schema: { params: ChannelIdParams, body: ChannelPatchBody }, config: { bodyName: 'channel' } }, async (request) => {
    const id = channelId(request.params);
    if (!request.body) throw AppError.invalidParam('channel');
    const { group_constrained: groupConstrained, ...rest } = request.body;
    return channels.patchChannel(request.ctx, id, { ...rest, ...(typeof groupConstrained === 'boolean' ? { group_constrained: groupConstrained } : {}) });
  });

  // PUT /api/v4/channels/{channel_id}/privacy (UpdateChannelPrivacy)
  app.put('/channels/:channel_id/privacy', { schema: { params: ChannelIdParams, body: Type.Unknown() }, config: { bodyName: 'privacy' } }, async (request) => {
    return channels.updateChannelPrivacy(request.ctx, channelId(request.params), bodyField(request.body, 'privacy'));
  });

  // POST /api/v4/channels/{channel_id}/convert (ConvertChannelToPrivate, Mattermost's older endpoint)
  app.post('/channels/:channel_id/convert', { schema: { params: ChannelIdParams } }, async (request) => {
    return channels.convertChannelToPrivate(request.ctx, channelId(request.params));
  });

  // DELETE /api/v4/channels/{channel_id} (DeleteChannel)
  app.delete(
    '/channels/:channel_id',
    { schema: { params: ChannelIdParams, querystring: Type.Object({ permanent: Type.Optional(Type.String()) }) } },
    async (request) => {
      await channels.deleteChannel(request.ctx, channelId(request.params), parseBool(request.query.permanent));
      return STATUS_OK;
    },
  );

  // POST /api/v4/channels/{channel_id}/restore (RestoreChannel)
  app.post('/channels/:channel_id/restore', { schema: { params: ChannelIdParams } }, async (request) => {
    return channels.restoreChannel(request.ctx, channelId(request.params));
  });

  // PUT /api/v4/channels/{channel_id}/scheme (UpdateChannelScheme)
  app.put('/channels/:channel_id/scheme', { schema: { params: ChannelIdParams, body: Type.Unknown() }, config: { bodyName: 'scheme_id' } }, async (request) => {
    await channels.updateChannelScheme(request.ctx, channelId(request.params), bodyField(request.body, 'scheme_id'));
    return STATUS_OK;
  });

  // GET /api/v4/channels/{channel_id}/stats (GetChannelStats)
  app.get(
    '/channels/:channel_id/stats',
    { schema: { params: ChannelIdParams, querystring: Type.Object({ exclude_files_count: Type.Optional(Type.String()) }) } },
    async (request) => {
      return services.channelQueries.getChannelStats(request.ctx, channelId(request.params), parseBool(request.query.exclude_files_count));
    },
  );

  // GET /api/v4/channels/{channel_id}/pinned (GetPinnedPosts)
  app.get('/channels/:channel_id/pinned', { schema: { params: ChannelIdParams } }, async (request) => {
    return services.channelQueries.getPinnedPosts(request.ctx, channelId(request.params));
  });

  // GET /api/v4/channels/{channel_id}/timezones (GetChannelMembersTimezones)
  app.get('/channels/:channel_id/timezones', { schema: { params: ChannelIdParams } }, async (request) => {
    return services.channelQueries.getChannelMembersTimezones(request.ctx, channelId(request.params));
  });

  // GET /api/v4/channels/{channel_id}/member_counts_by_group (GetChannelMemberCountsByGroup)
  app.get('/channels/:channel_id/member_counts_by_group', { schema: { params: ChannelIdParams } }, async (request) => {
    return services.channelQueries.getMemberCountsByGroup(request.ctx, channelId(request.params));
  });

  // GET /api/v4/channels/{channel_id}/moderations (GetChannelModerations)
  app.get('/channels/:channel_id/moderations', { schema: { params: ChannelIdParams } }, async (request) => {
    return channels.getChannelModerations(request.ctx, channelId(request.params));
  });

  // PUT /api/v4/channels/{channel_id}/moderations/patch (PatchChannelModerations)
  app.put('/channels/:channel_id/moderations/patch', { schema: { params: ChannelIdParams, body: Type.Unknown() } }, async (request) => {
    return channels.patchChannelModerations(request.ctx, channelId(request.params));
  });
};
