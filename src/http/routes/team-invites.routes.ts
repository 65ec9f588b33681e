import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { STATUS_OK, requireId } from '../schemas/common.js';
import { TeamIdParams } from '../schemas/teams.schemas.js';

/** Invitations: invite links, email invitations, and joining through either. */
export const teamInviteRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const invites = services.teamInvites;

  // POST /api/v4/teams/members/invite (AddTeamMemberFromInvite)
  app.post(
    '/teams/members/invite',
    { schema: { querystring: Type.Object({ token: Type.Optional(Type.String()), invite_id: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const { token, invite_id: inviteId } = request.query;
      const member = await invites.addUserToTeamFromInvite(request.ctx, { ...(token ? { token } : {}), ...(inviteId ? { inviteId } : {}) });
      return reply.code(201).send(member);
    },
  );

  // GET /api/v4/teams/invite/{invite_id} (GetTeamInviteInfo)
  app.get('/teams/invite/:invite_id', { schema: { params: Type.Object({ invite_id: Type.String() }) }, config: { auth: 'optional' } }, async (request) => {
    const inviteId = request.params.invite_id;
    if (!/^[A-Za-z0-9]+$/.test(inviteId)) throw AppError.invalidUrlParam('invite_id');
    return invites.getInviteInfo(inviteId);
  });

  // POST /api/v4/teams/{team_id}/invite/email (InviteUsersToTeam)
  app.post(
    '/teams/:team_id/invite/email',
    { schema: { params: TeamIdParams, body: Type.Unknown(), querystring: Type.Object({ graceful: Type.Optional(Type.String()) }) }, config: { bodyName: 'user_email' } },
    async (request) => {
      const teamId = requireId(request.params.team_id, 'team_id');
      const results = await invites.inviteUsersToTeam(request.ctx, teamId, request.body, (request.query.graceful ?? '') !== '');
      return results ?? STATUS_OK;
    },
  );

  // DELETE /api/v4/teams/invites/email (InvalidateEmailInvites)
  app.delete('/teams/invites/email', async (request) => {
    await invites.invalidateAllEmailInvites(request.ctx);
    return STATUS_OK;
  });
};
