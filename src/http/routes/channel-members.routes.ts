import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, bodyField, pageParams, requireId, resolveUserId } from '../schemas/common.js';
import { ChannelIdParams, ChannelMemberParams, UserTeamParams } from '../schemas/channels.schemas.js';
import { SchemeRolesBody } from '../schemas/teams.schemas.js';

/** Channel memberships: listing, adding, leaving, roles and notify props. */
export const channelMemberRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const members = services.channelMembers;
  const channelId = (params: { channel_id: string }) => requireId(params.channel_id, 'channel_id');

  // GET /api/v4/channels/{channel_id}/members (GetChannelMembers)
  app.get('/channels/:channel_id/members', { schema: { params: ChannelIdParams, querystring: PageQuery } }, async (request) => {
    return members.getChannelMembers(request.ctx, channelId(request.params), pageParams(request.query));
  });

  // POST /api/v4/channels/{channel_id}/members (AddChannelMember)
  app.post('/channels/:channel_id/members', { schema: { params: ChannelIdParams, body: Type.Unknown() } }, async (request, reply) => {
    const id = channelId(request.params);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw AppError.invalidParam('user_id');
    return reply.code(201).send(await members.addChannelMember(request.ctx, id, body as Record<string, unknown>));
  });

  // POST /api/v4/channels/{channel_id}/members/ids (GetChannelMembersByIds)
  app.post('/channels/:channel_id/members/ids', { schema: { params: ChannelIdParams, body: Type.Unknown() }, config: { bodyName: 'user_ids' } }, async (request) => {
    return members.getChannelMembersByIds(request.ctx, channelId(request.params), request.body);
  });

  // GET /api/v4/channels/{channel_id}/members/{user_id} (GetChannelMember)
  app.get('/channels/:channel_id/members/:user_id', { schema: { params: ChannelMemberParams } }, async (request) => {
    return members.getChannelMember(request.ctx, channelId(request.params), resolveUserId(request.ctx, request.params.user_id));
  });

  // DELETE /api/v4/channels/{channel_id}/members/{user_id} (RemoveUserFromChannel)
  app.delete('/channels/:channel_id/members/:user_id', { schema: { params: ChannelMemberParams } }, async (request) => {
    await members.removeChannelMember(request.ctx, channelId(request.params), resolveUserId(request.ctx, request.params.user_id));
    return STATUS_OK;
  });

  // PUT /api/v4/channels/{channel_id}/members/{user_id}/roles (UpdateChannelRoles)
  app.put('/channels/:channel_id/members/:user_id/roles', { schema: { params: ChannelMemberParams, body: Type.Unknown() }, config: { bodyName: 'roles' } }, async (request) => {
    const id = channelId(request.params);
    await members.updateChannelMemberRoles(request.ctx, id, resolveUserId(request.ctx, request.params.user_id), bodyField(request.body, 'roles') ?? '');
    return STATUS_OK;
  });

  // PUT /api/v4/channels/{channel_id}/members/{user_id}/schemeRoles (UpdateChannelMemberSchemeRoles)
  app.put(
    '/channels/:channel_id/members/:user_id/schemeRoles',
    { schema: { params: ChannelMemberParams, body: SchemeRolesBody }, config: { bodyName: 'scheme_roles' } },
    async (request) => {
      const id = channelId(request.params);
      if (!request.body) throw AppError.invalidParam('scheme_roles');
      const { scheme_admin: admin = false, scheme_user: user = false, scheme_guest: guest = false } = request.body;
      await members.updateChannelMemberSchemeRoles(request.ctx, id, resolveUserId(request.ctx, request.params.user_id), { scheme_admin: admin, scheme_user: user, scheme_guest: guest });
      return STATUS_OK;
    },
  );

  // PUT /api/v4/channels/{channel_id}/members/{user_id}/notify_props (UpdateChannelNotifyProps)
  app.put(
    '/channels/:channel_id/members/:user_id/notify_props',
    { schema: { params: ChannelMemberParams, body: Type.Unknown() }, config: { bodyName: 'notify_props' } },
    async (request) => {
      const id = channelId(request.params);
      await members.updateChannelMemberNotifyProps(request.ctx, id, resolveUserId(request.ctx, request.params.user_id), request.body);
      return STATUS_OK;
    },
  );

  // GET /api/v4/users/{user_id}/teams/{team_id}/channels/members (GetChannelMembersForUser)
  app.get('/users/:user_id/teams/:team_id/channels/members', { schema: { params: UserTeamParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return members.getChannelMembersForTeamForUser(request.ctx, userId, requireId(request.params.team_id, 'team_id'));
  });
};
