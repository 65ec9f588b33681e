import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, STATUS_OK, bodyField, UserIdParams, pageParams, parseBool, requireId, resolveUserId } from '../schemas/common.js';
import { TeamBody, TeamIdParams, TeamNameParams, TeamPatchBody, TeamSearchBody, requireTeamName } from '../schemas/teams.schemas.js';

/** Teams themselves: creation, reading, changes, privacy, archive, listings, search, scheme, import. */
export const teamRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // POST /api/v4/teams (CreateTeam)
  app.post('/teams', { schema: { body: TeamBody }, config: { bodyName: 'team' } }, async (request, reply) => {
    if (!request.body) throw AppError.invalidParam('team');
    const team = await services.teams.createTeam(request.ctx, request.body);
    // The creator is the team's admin, though their session does not know it yet: no sanitising.
    return reply.code(201).send(services.teams.toWire(team));
  });

  // GET /api/v4/teams (GetAllTeams)
  app.get(
    '/teams',
    {
      schema: {
        querystring: Type.Object({
          ...PageQuery.properties,
          include_total_count: Type.Optional(Type.String()),
          exclude_policy_constrained: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const { page, perPage } = pageParams(request.query);
      return services.teamQueries.getAllTeams(request.ctx, {
        page,
        perPage,
        includeTotalCount: parseBool(request.query.include_total_count),
        excludePolicyConstrained: parseBool(request.query.exclude_policy_constrained),
      });
    },
  );

  // POST /api/v4/teams/search (SearchTeams)
  app.post('/teams/search', { schema: { body: TeamSearchBody }, config: { bodyName: 'team_search' } }, async (request) => {
    return services.teamQueries.searchTeams(request.ctx, request.body ?? {});
  });

  // GET /api/v4/teams/name/{name} (GetTeamByName)
  app.get('/teams/name/:name', { schema: { params: TeamNameParams } }, async (request) => {
    return services.teams.getTeamByName(request.ctx, requireTeamName(request.params.name));
  });

  // GET /api/v4/teams/name/{name}/exists (TeamExists)
  app.get('/teams/name/:name/exists', { schema: { params: TeamNameParams } }, async (request) => {
    return services.teamQueries.teamExists(request.ctx, requireTeamName(request.params.name));
  });

  // GET /api/v4/users/{user_id}/teams (GetTeamsForUser)
  app.get('/users/:user_id/teams', { schema: { params: UserIdParams } }, async (request) => {
    return services.teamQueries.getTeamsForUser(request.ctx, resolveUserId(request.ctx, request.params.user_id));
  });

  // GET /api/v4/teams/{team_id} (GetTeam)
  app.get('/teams/:team_id', { schema: { params: TeamIdParams } }, async (request) => {
    return services.teams.getTeam(request.ctx, requireId(request.params.team_id, 'team_id'));
  });

  // PUT /api/v4/teams/{team_id} (UpdateTeam)
  app.put('/teams/:team_id', { schema: { params: TeamIdParams, body: TeamBody }, config: { bodyName: 'team' } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    if (!request.body) throw AppError.invalidParam('team');
    if (request.body.id !== teamId) throw AppError.invalidParam('id');
    return services.teams.updateTeam(request.ctx, teamId, request.body);
  });

  // PUT /api/v4/teams/{team_id}/patch (PatchTeam)
  app.put('/teams/:team_id/patch', { schema: { params: TeamIdParams, body: TeamPatchBody }, config: { bodyName: 'team' } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    if (!request.body) throw AppError.invalidParam('team');
    return services.teams.patchTeam(request.ctx, teamId, request.body);
  });

  // DELETE /api/v4/teams/{team_id} (SoftDeleteTeam)
  app.delete(
    '/teams/:team_id',
    { schema: { params: TeamIdParams, querystring: Type.Object({ permanent: Type.Optional(Type.String()) }) } },
    async (request) => {
      await services.teams.deleteTeam(request.ctx, requireId(request.params.team_id, 'team_id'), parseBool(request.query.permanent));
      return STATUS_OK;
    },
  );

  // POST /api/v4/teams/{team_id}/restore (RestoreTeam)
  app.post('/teams/:team_id/restore', { schema: { params: TeamIdParams } }, async (request) => {
    return services.teams.restoreTeam(request.ctx, requireId(request.params.team_id, 'team_id'));
  });

  // PUT /api/v4/teams/{team_id}/privacy (UpdateTeamPrivacy)
  app.put('/teams/:team_id/privacy', { schema: { params: TeamIdParams, body: Type.Unknown() }, config: { bodyName: 'privacy' } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    return services.teams.updateTeamPrivacy(request.ctx, teamId, bodyField(request.body, 'privacy'));
  });

  // POST /api/v4/teams/{team_id}/regenerate_invite_id (RegenerateTeamInviteId)
  app.post('/teams/:team_id/regenerate_invite_id', { schema: { params: TeamIdParams } }, async (request) => {
    return services.teams.regenerateInviteId(request.ctx, requireId(request.params.team_id, 'team_id'));
  });

  // GET /api/v4/teams/{team_id}/stats (GetTeamStats)
  app.get('/teams/:team_id/stats', { schema: { params: TeamIdParams } }, async (request) => {
    return services.teamQueries.getTeamStats(request.ctx, requireId(request.params.team_id, 'team_id'));
  });

  // PUT /api/v4/teams/{team_id}/scheme (UpdateTeamScheme)
  app.put('/teams/:team_id/scheme', { schema: { params: TeamIdParams, body: Type.Unknown() }, config: { bodyName: 'scheme_id' } }, async (request) => {
    const teamId = requireId(request.params.team_id, 'team_id');
    await services.teams.updateTeamScheme(request.ctx, teamId, bodyField(request.body, 'scheme_id'));
    return STATUS_OK;
  });

  // POST /api/v4/teams/{team_id}/import (ImportTeam)
  app.post('/teams/:team_id/import', { schema: { params: TeamIdParams } }, async (request) => {
    await services.teams.importTeam(request.ctx, requireId(request.params.team_id, 'team_id'));
    return STATUS_OK;
  });
};
