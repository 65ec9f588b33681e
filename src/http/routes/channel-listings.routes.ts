import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import type { Services } from '../../services/services.js';
import { PageQuery, UserIdParams, pageParams, parseBool, requireId, resolveUserId } from '../schemas/common.js';
import {
  ChannelListQuery,
  ChannelSearchBody,
  TeamChannelNameParams,
  TeamNameChannelNameParams,
  UserTeamParams,
  parseLastDeleteAt,
  requireChannelName,
} from '../schemas/channels.schemas.js';
import { TeamIdParams, requireTeamName } from '../schemas/teams.schemas.js';

const TermBody = Type.Object({ term: Type.Optional(Type.String()) });
const NameQuery = Type.Object({ name: Type.Optional(Type.String()) });

/** Channel listings, lookups by name, searches and autocompletes. */
export const channelListingRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const queries = services.channelQueries;
  const search = services.channelSearch;
  const teamId = (params: { team_id: string }) => requireId(params.team_id, 'team_id');

  // GET /api/v4/channels (GetAllChannels)
  app.get(
    '/channels',
    {
      schema: {
        querystring: Type.Object({
          ...PageQuery.properties,
          include_deleted: Type.Optional(Type.String()),
          exclude_default_channels: Type.Optional(Type.String()),
          exclude_policy_constrained: Type.Optional(Type.String()),
          include_total_count: Type.Optional(Type.String()),
          not_associated_to_group: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return queries.getAllChannels(request.ctx, {
        ...pageParams(q),
        includeDeleted: parseBool(q.include_deleted),
        excludeDefaultChannels: parseBool(q.exclude_default_channels),
        excludePolicyConstrained: parseBool(q.exclude_policy_constrained),
        includeTotalCount: parseBool(q.include_total_count),
      });
    },
  );

  // POST /api/v4/channels/search (SearchAllChannels)
  app.post(
    '/channels/search',
    {
      schema: {
        body: ChannelSearchBody,
        querystring: Type.Object({ system_console: Type.Optional(Type.String()), include_deleted: Type.Optional(Type.String()), exclude_remote: Type.Optional(Type.String()) }),
      },
      config: { bodyName: 'channel_search' },
    },
    async (request) => {
      const raw = request.query.system_console;
      if (raw !== undefined && raw !== '' && !['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) {
        throw AppError.invalidParam('system_console');
      }
      const systemConsole = raw === undefined || raw === '' ? true : parseBool(raw);
      return search.searchAllChannels(request.ctx, request.body ?? {}, { systemConsole, includeDeleted: parseBool(request.query.include_deleted) });
    },
  );

  // POST /api/v4/channels/group/search (SearchGroupChannels)
  app.post('/channels/group/search', { schema: { body: TermBody }, config: { bodyName: 'channel_search' } }, async (request) => {
    return search.searchGroupChannels(request.ctx, request.body?.term ?? '');
  });

  // GET /api/v4/teams/{team_id}/channels (GetPublicChannelsForTeam)
  app.get('/teams/:team_id/channels', { schema: { params: TeamIdParams, querystring: PageQuery } }, async (request) => {
    return queries.getPublicChannelsForTeam(request.ctx, teamId(request.params), pageParams(request.query));
  });

  // GET /api/v4/teams/{team_id}/channels/private (GetPrivateChannelsForTeam)
  app.get('/teams/:team_id/channels/private', { schema: { params: TeamIdParams, querystring: PageQuery } }, async (request) => {
    return queries.getPrivateChannelsForTeam(request.ctx, teamId(request.params), pageParams(request.query));
  });

  // GET /api/v4/teams/{team_id}/channels/deleted (GetDeletedChannelsForTeam)
  app.get('/teams/:team_id/channels/deleted', { schema: { params: TeamIdParams, querystring: PageQuery } }, async (request) => {
    return queries.getDeletedChannelsForTeam(request.ctx, teamId(request.params), pageParams(request.query));
  });

  // POST /api/v4/teams/{team_id}/channels/ids (GetPublicChannelsByIdsForTeam)
  app.post('/teams/:team_id/channels/ids', { schema: { params: TeamIdParams, body: Type.Unknown() }, config: { bodyName: 'channel_ids' } }, async (request) => {
    return queries.getPublicChannelsByIdsForTeam(request.ctx, teamId(request.params), request.body);
  });

  // GET /api/v4/teams/{team_id}/channels/autocomplete (AutocompleteChannelsForTeam)
  app.get('/teams/:team_id/channels/autocomplete', { schema: { params: TeamIdParams, querystring: NameQuery } }, async (request) => {
    return search.autocompleteChannelsForTeam(request.ctx, teamId(request.params), request.query.name ?? '');
  });

  // GET /api/v4/teams/{team_id}/channels/search_autocomplete (AutocompleteChannelsForTeamForSearch)
  app.get('/teams/:team_id/channels/search_autocomplete', { schema: { params: TeamIdParams, querystring: NameQuery } }, async (request) => {
    return search.autocompleteChannelsForSearch(request.ctx, teamId(request.params), request.query.name ?? '');
  });

  // POST /api/v4/teams/{team_id}/channels/search (SearchChannels)
  app.post('/teams/:team_id/channels/search', { schema: { params: TeamIdParams, body: TermBody }, config: { bodyName: 'channel_search' } }, async (request) => {
    return search.searchChannelsForTeam(request.ctx, teamId(request.params), request.body?.term ?? '');
  });

  // POST /api/v4/teams/{team_id}/channels/search_archived (SearchArchivedChannels)
  app.post('/teams/:team_id/channels/search_archived', { schema: { params: TeamIdParams, body: TermBody }, config: { bodyName: 'channel_search' } }, async (request) => {
    return search.searchArchivedChannelsForTeam(request.ctx, teamId(request.params), request.body?.term ?? '');
  });

  // GET /api/v4/teams/{team_id}/channels/name/{channel_name} (GetChannelByName)
  app.get(
    '/teams/:team_id/channels/name/:channel_name',
    { schema: { params: TeamChannelNameParams, querystring: Type.Object({ include_deleted: Type.Optional(Type.String()) }) } },
    async (request) => {
      const name = requireChannelName(request.params.channel_name);
      return queries.getChannelByName(request.ctx, teamId(request.params), name, parseBool(request.query.include_deleted));
    },
  );

  // GET /api/v4/teams/name/{team_name}/channels/name/{channel_name} (GetChannelByNameForTeamName)
  app.get(
    '/teams/name/:team_name/channels/name/:channel_name',
    { schema: { params: TeamNameChannelNameParams, querystring: Type.Object({ include_deleted: Type.Optional(Type.String()) }) } },
    async (request) => {
      const teamName = requireTeamName(request.params.team_name);
      const name = requireChannelName(request.params.channel_name);
      return queries.getChannelByNameForTeamName(request.ctx, teamName, name, parseBool(request.query.include_deleted));
    },
  );

  // GET /api/v4/users/{user_id}/teams/{team_id}/channels (GetChannelsForTeamForUser)
  app.get('/users/:user_id/teams/:team_id/channels', { schema: { params: UserTeamParams, querystring: ChannelListQuery } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return queries.getChannelsForTeamForUser(request.ctx, userId, teamId(request.params), {
      includeDeleted: parseBool(request.query.include_deleted),
      lastDeleteAt: parseLastDeleteAt(request.query.last_delete_at),
    });
  });

  // GET /api/v4/users/{user_id}/channels (GetChannelsForUser)
  app.get('/users/:user_id/channels', { schema: { params: UserIdParams, querystring: ChannelListQuery } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    return queries.getChannelsForUser(request.ctx, userId, {
      includeDeleted: parseBool(request.query.include_deleted),
      lastDeleteAt: parseLastDeleteAt(request.query.last_delete_at),
    });
  });
};
