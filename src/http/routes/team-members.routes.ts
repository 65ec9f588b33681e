import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, bodyField, UserIdParams, pageParams, parseBool, requireId, resolveUserId } from '../schemas/common.js';
import { SchemeRolesBody, TeamIdParams, TeamMemberParams } from '../schemas/teams.schemas.js';

/** Team memberships: joining, adding, leaving, listing and member roles. */
export const teamMemberRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const members = services.teamMembers;

  // GET /api/v4/teams/{team_id}/members (GetTeamMembers)
  app.get(
    '/teams/:team_id/members',
    {
      schema: {
        params: TeamIdParams,
        querystring: Type.Object({ ...PageQuery.properties, sort: Type.Optional(Type.String()), exclude_deleted_users: Type.Optional(Type.String()) }),
      },
    },
    async (request) => {
      const { page, perPage } = pageParams(request.query);
      return members.getTeamMembers(request.ctx, requireId(request.params.team_id, 'team_id'), {
        page,
        perPage,
        sort: request.query.sort ?? '',
        excludeDeletedUsers: parseBool(request.query.exclude_deleted_users),
      });
    },
  );

  // POST /api/v4/teams/{team_id}/members (AddTeamMember)
  app.post('/teams/:team_id/members', { schema: { params: TeamIdParams, body: Type.Unknown() } }, async (request, reply) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw AppError.badRequest('api.team.add_team_member.invalid_body.app_error');
    }
    return reply.code(201).send(await members.addTeamMember(request.ctx, teamId, body));
  });

  // POST /api/v4/teams/{team_id}/members/batch (AddTeamMembers)
  app.post(
    '/teams/:team_id/members/batch',
    { schema: { params: TeamIdParams, body: Type.Unknown(), querystring: Type.Object({ graceful: Type.Optional(Type.String()) }) }, config: { bodyName: 'members' } },
    async (request, reply) => {
      const teamId = requireId(request.params.team_id, 'team_id');
      // Mattermost switches to graceful mode for any non-empty value.
      const graceful = (request.query.graceful ?? '') !== '';
      return reply.code(201).send(await members.addTeamMembers(request.ctx, teamId, request.body, graceful));
    },
  );

  // POST /api/v4/teams/{team_id}/members/ids (GetTeamMembersByIds)
  app.post('/teams/:team_id/members/ids', { schema: { params: TeamIdParams, body: Type.Unknown() }, config: { bodyName: 'user_ids' } }, async (request) => {
    return members.getTeamMembersByIds(request.ctx, requireId(request.params.team_id, 'team_id'), request.body);
  });

  // GET /api/v4/teams/{team_id}/members/{user_id} (GetTeamMember)
  app.get('/teams/:team_id/members/:user_id', { schema: { params: TeamMemberParams } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    return members.getTeamMember(request.ctx, teamId, resolveUserId(request.ctx, request.params.user_id));
  });

  // DELETE /api/v4/teams/{team_id}/members/{user_id} (RemoveTeamMember)
  app.delete('/teams/:team_id/members/:user_id', { schema: { params: TeamMemberParams } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    await members.removeTeamMember(request.ctx, teamId, resolveUserId(request.ctx, request.params.user_id));
    return STATUS_OK;
  });

  // PUT /api/v4/teams/{team_id}/members/{user_id}/roles (UpdateTeamMemberRoles)
  app.put(
    '/teams/:team_id/members/:user_id/roles',
    { schema: { params: TeamMemberParams, body: Type.Unknown() }, config: { bodyName: 'team_member_roles' } },
    async (request) => {
      const teamId = requireId(request.params.team_id, 'team_id');
      const userId = resolveUserId(request.ctx, request.params.user_id);
      await members.updateTeamMemberRoles(request.ctx, teamId, userId, bodyField(request.body, 'roles') ?? '');
      return STATUS_OK;
    },
  );

  // PUT /api/v4/teams/{team_id}/members/{user_id}/schemeRoles (UpdateTeamMemberSchemeRoles)
  app.put(
    '/teams/:team_id/members/:user_id/schemeRoles',
    { schema: { params: TeamMemberParams, body: SchemeRolesBody }, config: { bodyName: 'scheme_roles' } },
    async (request) => {
      const teamId = requireId(request.params.team_id, 'team_id');
      const userId = resolveUserId(request.ctx, request.params.user_id);
      if (!request.body) throw AppError.invalidParam('scheme_roles');
      const { scheme_admin: admin = false, scheme_user: user = false, scheme_guest: guest = false } = request.body;
      await members.updateTeamMemberSchemeRoles(request.ctx, teamId, userId, { scheme_admin: admin, scheme_user: user, scheme_guest: guest });
      return STATUS_OK;
    },
  );

  // GET /api/v4/users/{user_id}/teams/members (GetTeamMembersForUser)
  app.get('/users/:user_id/teams/members', { schema: { params: UserIdParams } }, async (request) => {
    return members.getTeamMembersForUser(request.ctx, resolveUserId(request.ctx, request.params.user_id));
  });
};
