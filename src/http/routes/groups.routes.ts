import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidId } from '../../model/ids.js';
import type { Services } from '../../services/services.js';
import { UserIdParams, pageParams, requireId, resolveUserId } from '../schemas/common.js';

const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const Flag = Type.Optional(Type.Union([Type.Boolean(), Type.Null()]));

const CreateGroupBody = Type.Object({
  name: Text,
  display_name: Text,
  description: Text,
  source: Text,
  remote_id: Text,
  allow_reference: Flag,
  user_ids: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
});
const GroupPatchBody = Type.Object({ name: Text, display_name: Text, description: Text, allow_reference: Flag });
const MembersBody = Type.Object({ user_ids: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])) });
const GroupParams = Type.Object({ group_id: Type.String() });
const Query = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

type QueryValues = Record<string, string | string[]>;

function text(query: QueryValues, key: string): string {
  const value = query[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Go's strconv.ParseBool, which Mattermost uses for most group flags. */
function flag(query: QueryValues, key: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text(query, key));
}

/** An id-valued filter counts only when it is an id, as in Mattermost. */
function idParam(query: QueryValues, key: string): string {
  const value = text(query, key);
  return isValidId(value) ? value : '';
}

function since(query: QueryValues): number {
  const raw = text(query, 'since');
  if (raw === '') return 0;
  if (!/^-?\d+$/.test(raw)) throw AppError.invalidParam('since');
  return Number(raw);
}

/** User groups: /groups, a user's groups, and the (always empty) team and channel links. */
export const groupRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { groups, groupQueries, groupMembers, groupSyncables } = services;
  const groupId = (raw: string) => requireId(raw, 'group_id');

  // GET /api/v4/groups (GetGroups)
  app.get('/groups', { schema: { querystring: Query } }, async (request) => {
    const q = request.query;
    const { page, perPage } = pageParams({ page: text(q, 'page'), per_page: text(q, 'per_page') });
    return groupQueries.getGroups(request.ctx, {
      page,
      perPage,
      q: text(q, 'q'),
      includeMemberCount: flag(q, 'include_member_count'),
      includeMemberIds: flag(q, 'include_member_ids'),
      filterAllowReference: flag(q, 'filter_allow_reference'),
      filterArchived: flag(q, 'filter_archived'),
      includeArchived: text(q, 'include_archived') === 'true',
      source: text(q, 'group_source'),
      onlySyncableSources: text(q, 'only_syncable_sources') === 'true',
      filterHasMember: text(q, 'filter_has_member'),
      since: since(q),
      notAssociatedToTeam: idParam(q, 'not_associated_to_team'),
      notAssociatedToChannel: idParam(q, 'not_associated_to_channel'),
      includeChannelMemberCount: idParam(q, 'include_channel_member_count'),
      includeTotalCount: flag(q, 'include_total_count'),
    });
  });

  // POST /api/v4/groups (CreateGroup)
  app.post('/groups', { schema: { body: CreateGroupBody }, config: { bodyName: 'group' } }, async (request, reply) => {
    const body = request.body;
    if (!body) throw AppError.invalidParam('group');
    const group = await groups.createGroup(request.ctx, {
      name: body.name,
      display_name: body.display_name ?? undefined,
      description: body.description ?? undefined,
      source: body.source ?? undefined,
      remote_id: body.remote_id,
      allow_reference: body.allow_reference ?? undefined,
      user_ids: body.user_ids ?? undefined,
    });
    return reply.code(201).send(group);
  });

  // POST /api/v4/groups/names (GetGroupsByNames)
  app.post('/groups/names', { schema: { body: Type.Unknown() } }, async (request) => {
    const names = request.body;
    if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string')) throw AppError.badRequest('api.payload.parse.error');
    return groupQueries.getGroupsByNames(names);
  });

  // GET /api/v4/groups/{group_id} (GetGroup)
  app.get('/groups/:group_id', { schema: { params: GroupParams, querystring: Query } }, async (request) =>
    groupQueries.getGroup(request.ctx, groupId(request.params.group_id), {
      includeMemberCount: flag(request.query, 'include_member_count'),
      includeMemberIds: flag(request.query, 'include_member_ids'),
    }),
  );

  // PUT /api/v4/groups/{group_id}/patch (PatchGroup)
  app.put('/groups/:group_id/patch', { schema: { params: GroupParams, body: GroupPatchBody }, config: { bodyName: 'group' } }, async (request) => {
    const id = groupId(request.params.group_id);
    const body = request.body;
    if (!body) throw AppError.invalidParam('group');
    return groups.patchGroup(request.ctx, id, {
      name: body.name ?? undefined,
      display_name: body.display_name ?? undefined,
      description: body.description ?? undefined,
      allow_reference: body.allow_reference ?? undefined,
    });
  });

  // DELETE /api/v4/groups/{group_id} (DeleteGroup)
  app.delete('/groups/:group_id', { schema: { params: GroupParams } }, async (request) => groups.deleteGroup(request.ctx, groupId(request.params.group_id)));

  // POST /api/v4/groups/{group_id}/restore (RestoreGroup)
  app.post('/groups/:group_id/restore', { schema: { params: GroupParams } }, async (request) =>
    groups.restoreGroup(request.ctx, groupId(request.params.group_id)),
  );

  // GET /api/v4/groups/{group_id}/members (GetGroupUsers)
  app.get('/groups/:group_id/members', { schema: { params: GroupParams, querystring: Query } }, async (request) => {
    const { page, perPage } = pageParams({ page: text(request.query, 'page'), per_page: text(request.query, 'per_page') });
    return groupMembers.getGroupMembers(request.ctx, groupId(request.params.group_id), page, perPage);
  });

  // POST /api/v4/groups/{group_id}/members (AddGroupMembers)
  app.post('/groups/:group_id/members', { schema: { params: GroupParams, body: MembersBody }, config: { bodyName: 'addGroupMembers' } }, async (request) => {
    const id = groupId(request.params.group_id);
    if (!request.body) throw AppError.invalidParam('addGroupMembers');
    return groupMembers.addGroupMembers(request.ctx, id, request.body.user_ids ?? []);
  });

  // DELETE /api/v4/groups/{group_id}/members (DeleteGroupMembers)
  app.delete(
    '/groups/:group_id/members',
    { schema: { params: GroupParams, body: MembersBody }, config: { bodyName: 'deleteGroupMembers' } },
    async (request) => {
      const id = groupId(request.params.group_id);
      if (!request.body) throw AppError.invalidParam('deleteGroupMembers');
      return groupMembers.deleteGroupMembers(request.ctx, id, request.body.user_ids ?? []);
    },
  );

  // GET /api/v4/groups/{group_id}/stats (GetGroupStats)
  app.get('/groups/:group_id/stats', { schema: { params: GroupParams } }, async (request) =>
    groupMembers.getGroupStats(request.ctx, groupId(request.params.group_id)),
  );

  // GET /api/v4/users/{user_id}/groups (GetGroupsByUserId)
  app.get('/users/:user_id/groups', { schema: { params: UserIdParams } }, async (request) =>
    groupQueries.getGroupsByUserId(request.ctx, resolveUserId(request.ctx, request.params.user_id)),
  );

  const SyncableParams = Type.Object({ group_id: Type.String(), syncable_id: Type.String() });
  for (const type of ['teams', 'channels'] as const) {
    // GET /api/v4/groups/{group_id}/teams|channels (GetGroupTeams, GetGroupChannels)
    app.get(`/groups/:group_id/${type}`, { schema: { params: GroupParams } }, async (request) => {
      groupId(request.params.group_id);
      return groupSyncables.getGroupSyncables(request.ctx);
    });

    // GET /api/v4/groups/{group_id}/teams|channels/{id} (GetGroupTeam, GetGroupChannel)
    app.get(`/groups/:group_id/${type}/:syncable_id`, { schema: { params: SyncableParams } }, async (request) => {
      const id = groupId(request.params.group_id);
      return groupSyncables.getGroupSyncable(request.ctx, id, requireId(request.params.syncable_id, 'syncable_id'));
    });

    // POST, DELETE /api/v4/groups/{group_id}/teams|channels/{id}/link (LinkGroupSyncable*, UnlinkGroupSyncable*)
    // PUT /api/v4/groups/{group_id}/teams|channels/{id}/patch (PatchGroupSyncableFor*)
    const changes = [
      { method: 'POST', suffix: 'link', bodyName: `Group${type}` },
      { method: 'DELETE', suffix: 'link', bodyName: `Group${type}` },
      { method: 'PUT', suffix: 'patch', bodyName: `Group[${type}]Patch` },
    ] as const;
    for (const change of changes) {
      app.route({
        method: change.method,
        url: `/groups/:group_id/${type}/:syncable_id/${change.suffix}`,
        schema: { params: SyncableParams, body: Type.Unknown() },
        config: { bodyName: change.bodyName },
        handler: async (request) => {
          const id = groupId(request.params.group_id);
          requireId(request.params.syncable_id, 'syncable_id');
          return groupSyncables.changeGroupSyncable(id);
        },
      });
    }
  }

  // GET /api/v4/teams/{team_id}/groups (GetGroupsByTeam)
  app.get('/teams/:team_id/groups', { schema: { params: Type.Object({ team_id: Type.String() }) } }, async (request) =>
    groupSyncables.getGroupsBySyncable(request.ctx, 'teams', requireId(request.params.team_id, 'team_id')),
  );

  // GET /api/v4/channels/{channel_id}/groups (GetGroupsByChannel)
  app.get('/channels/:channel_id/groups', { schema: { params: Type.Object({ channel_id: Type.String() }) } }, async (request) =>
    groupSyncables.getGroupsBySyncable(request.ctx, 'channels', requireId(request.params.channel_id, 'channel_id')),
  );

  // GET /api/v4/ldap/groups (GetLdapGroups)
  app.get('/ldap/groups', async (request) => groupSyncables.ldapGroupsNotAvailable(request.ctx, false));

  // POST and DELETE /api/v4/ldap/groups/{remote_id}/link (LinkLdapGroup, UnlinkLdapGroup)
  for (const method of ['POST', 'DELETE'] as const) {
    app.route({ method, url: '/ldap/groups/:remote_id/link', handler: async (request) => groupSyncables.ldapGroupsNotAvailable(request.ctx, true) });
  }

  // GET /api/v4/teams/{team_id}/groups_by_channels (GetGroupsAssociatedToChannelsByTeam)
  app.get('/teams/:team_id/groups_by_channels', { schema: { params: Type.Object({ team_id: Type.String() }) } }, async (request) =>
    groupSyncables.getGroupsAssociatedToChannelsByTeam(request.ctx, requireId(request.params.team_id, 'team_id')),
  );
};
