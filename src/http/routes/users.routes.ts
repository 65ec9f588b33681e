import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../model/app-error.js';
import { isValidEmail, isValidUsername, type UserPatch, type UserRecord } from '../../model/user.js';
import type { RequestContext } from '../../services/common/context.js';
import type { Services } from '../../services/services.js';
import { USER_SEARCH_DEFAULT_LIMIT } from '../../services/users/user-query.service.js';
import { STATUS_OK, UserIdParams, pageParams, parseBool, queryBool, resolveUserId } from '../schemas/common.js';

const StringMap = Type.Record(Type.String(), Type.String());

export const UserBody = Type.Object({
  id: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  nickname: Type.Optional(Type.String()),
  first_name: Type.Optional(Type.String()),
  last_name: Type.Optional(Type.String()),
  position: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  props: Type.Optional(StringMap),
  notify_props: Type.Optional(StringMap),
  timezone: Type.Optional(StringMap),
  auth_data: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  auth_service: Type.Optional(Type.String()),
  email_verified: Type.Optional(Type.Boolean()),
  allow_marketing: Type.Optional(Type.Boolean()),
  disable_welcome_email: Type.Optional(Type.Boolean()),
});

const ProfilesQuery = Type.Object({
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
  sort: Type.Optional(Type.String()),
  in_team: Type.Optional(Type.String()),
  not_in_team: Type.Optional(Type.String()),
  in_channel: Type.Optional(Type.String()),
  not_in_channel: Type.Optional(Type.String()),
  in_group_channel: Type.Optional(Type.String()),
  without_team: Type.Optional(Type.String()),
  active: Type.Optional(Type.String()),
  inactive: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  roles: Type.Optional(Type.String()),
  channel_roles: Type.Optional(Type.String()),
});

const SearchBody = Type.Object({
  term: Type.Optional(Type.String()),
  team_id: Type.Optional(Type.String()),
  not_in_team_id: Type.Optional(Type.String()),
  in_channel_id: Type.Optional(Type.String()),
  not_in_channel_id: Type.Optional(Type.String()),
  in_group_id: Type.Optional(Type.String()),
  group_constrained: Type.Optional(Type.Boolean()),
  allow_inactive: Type.Optional(Type.Boolean()),
  without_team: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer()),
});

function optional<T>(value: T | undefined | null | ''): T | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** Accounts: creation, reading, profile changes, roles, activation, listings and searches. */
export const userRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const present = (ctx: RequestContext, users: UserRecord[]) => users.map((u) => services.users.present(ctx, u));

  // POST /api/v4/users (CreateUser)
  app.post(
    '/users',
    {
      schema: { body: UserBody, querystring: Type.Object({ t: Type.Optional(Type.String()), iid: Type.Optional(Type.String()), r: Type.Optional(Type.String()) }) },
      config: { auth: 'optional', bodyName: 'user' },
    },
    async (request, reply) => {
      if (!request.body) throw AppError.invalidParam('user');
      const { t, iid } = request.query;
      const invite = t ? { kind: 'token' as const, value: t } : iid ? { kind: 'invite_id' as const, value: iid } : undefined;
      const { auth_data: authData, ...rest } = request.body;
      const input = authData ? { ...rest, auth_data: authData } : rest;
      const user = await services.users.createUser(request.ctx, input, invite);
      // Mattermost welcomes every account not created from a mailed invitation (already verified).
      if (!t) await services.emailVerification.sendWelcomeEmail(user, request.query.r ?? '');
      // The creator sees the new account as its owner would (Mattermost sanitises with no options).
      return reply.code(201).send(services.users.presentFull(user));
    },
  );

  // GET /api/v4/users (GetUsers)
  app.get('/users', { schema: { querystring: ProfilesQuery } }, async (request) => {
    const q = request.query;
    const { page, perPage } = pageParams(q);
    const roles = [q.role, ...(q.roles ?? '').split(',')].map((r) => r?.trim()).filter((r): r is string => !!r);
    const users = await services.userQueries.getProfiles(request.ctx, {
      page,
      perPage,
      ...(optional(q.sort) ? { sort: q.sort } : {}),
      ...(optional(q.in_team) ? { inTeam: q.in_team } : {}),
      ...(optional(q.not_in_team) ? { notInTeam: q.not_in_team } : {}),
      ...(optional(q.in_channel) ? { inChannel: q.in_channel } : {}),
      ...(optional(q.not_in_channel) ? { notInChannel: q.not_in_channel } : {}),
      ...(optional(q.in_group_channel) ? { inGroupChannel: q.in_group_channel } : {}),
      withoutTeam: parseBool(q.without_team),
      active: queryBool(q.active),
      inactive: queryBool(q.inactive),
      roles,
      channelRoles: (q.channel_roles ?? '').split(',').map((r) => r.trim()).filter(Boolean),
    });
    return present(request.ctx, users);
  });

  // POST /api/v4/users/ids (GetUsersByIds)
  app.post(
    '/users/ids',
    { schema: { body: Type.Unknown(), querystring: Type.Object({ since: Type.Optional(Type.String()) }) }, config: { bodyName: 'user_ids' } },
    async (request) => {
      const since = Number.parseInt(request.query.since ?? '', 10);
      const users = await services.userQueries.getProfilesByIds(request.body, Number.isFinite(since) ? since : undefined);
      return present(request.ctx, users);
    },
  );

  // POST /api/v4/users/usernames (GetUsersByUsernames)
  app.post('/users/usernames', { schema: { body: Type.Unknown() }, config: { bodyName: 'usernames' } }, async (request) => {
    return present(request.ctx, await services.userQueries.getProfilesByUsernames(request.body));
  });

  // POST /api/v4/users/search (SearchUsers)
  app.post('/users/search', { schema: { body: SearchBody }, config: { bodyName: 'search' } }, async (request) => {
    const body = request.body ?? {};
    const users = await services.userQueries.search(request.ctx, {
      term: body.term ?? '',
      ...(optional(body.team_id) ? { team_id: body.team_id } : {}),
      ...(optional(body.not_in_team_id) ? { not_in_team_id: body.not_in_team_id } : {}),
      ...(optional(body.in_channel_id) ? { in_channel_id: body.in_channel_id } : {}),
      ...(optional(body.not_in_channel_id) ? { not_in_channel_id: body.not_in_channel_id } : {}),
      allow_inactive: body.allow_inactive ?? false,
      without_team: body.without_team ?? false,
      limit: body.limit ?? USER_SEARCH_DEFAULT_LIMIT,
    });
    return present(request.ctx, users);
  });

  // GET /api/v4/users/autocomplete (AutocompleteUsers)
  app.get(
    '/users/autocomplete',
    {
      schema: {
        querystring: Type.Object({
          name: Type.Optional(Type.String()),
          in_team: Type.Optional(Type.String()),
          in_channel: Type.Optional(Type.String()),
          limit: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const limit = Number.parseInt(q.limit ?? '', 10);
      const result = await services.userQueries.autocomplete(request.ctx, {
        name: q.name ?? '',
        ...(optional(q.in_team) ? { inTeam: q.in_team } : {}),
        ...(optional(q.in_channel) ? { inChannel: q.in_channel } : {}),
        limit: Number.isFinite(limit) && limit > 0 ? limit : 100,
      });
      return {
        users: present(request.ctx, result.users),
        ...(result.out_of_channel ? { out_of_channel: present(request.ctx, result.out_of_channel) } : {}),
      };
    },
  );

  // GET /api/v4/users/known (GetKnownUsers)
  app.get('/users/known', async (request) => services.userQueries.knownUserIds(request.ctx));

  // GET /api/v4/users/stats (GetTotalUsersStats)
  app.get('/users/stats', async () => ({ total_users_count: await services.userQueries.totalUsers() }));

  // GET /api/v4/users/username/{username} (GetUserByUsername)
  app.get('/users/username/:username', { schema: { params: Type.Object({ username: Type.String() }) } }, async (request) => {
    // Mattermost checks the shape first (and names it as it does a body field).
    if (!isValidUsername(request.params.username)) throw AppError.invalidParam('username');
    const user = await services.users.getUserByUsername(request.params.username);
    await services.userQueries.checkCanSee(request.ctx, user.id);
    return services.users.present(request.ctx, user);
  });

  // GET /api/v4/users/email/{email} (GetUserByEmail)
  app.get('/users/email/:email', { schema: { params: Type.Object({ email: Type.String() }) } }, async (request) => {
    if (!isValidEmail(request.params.email.toLowerCase())) throw AppError.invalidUrlParam('email');
    const view = services.users.viewFor(request.ctx, '');
    if (!view.showEmail && !view.asAdmin) {
      throw new AppError('api.user.get_user_by_email.permissions.app_error', 403);
    }
    const user = await services.users.getUserByEmail(request.params.email);
    await services.userQueries.checkCanSee(request.ctx, user.id);
    return services.users.present(request.ctx, user);
  });

  // GET /api/v4/users/{user_id} (GetUser); "me" is the caller (and reachable before MFA is set up, see auth.ts)
  app.get('/users/:user_id', { schema: { params: UserIdParams } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    await services.userQueries.checkCanSee(request.ctx, userId);
    return services.users.present(request.ctx, await services.users.getUser(userId));
  });

  // PUT /api/v4/users/{user_id} (UpdateUser)
  app.put('/users/:user_id', { schema: { params: UserIdParams, body: UserBody }, config: { bodyName: 'user' } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    const body = request.body;
    if (!body) throw AppError.invalidParam('user');
    if (body.id !== userId) throw AppError.invalidParam('user_id');
    const user = await services.users.updateUser(request.ctx, userId, stripUnpatchable(body));
    return services.users.presentFull(user);
  });

  // PUT /api/v4/users/{user_id}/patch (PatchUser)
  app.put('/users/:user_id/patch', { schema: { params: UserIdParams, body: UserBody }, config: { bodyName: 'user' } }, async (request) => {
    const userId = resolveUserId(request.ctx, request.params.user_id);
    if (!request.body) throw AppError.invalidParam('user');
    const user = await services.users.patchUser(request.ctx, userId, stripUnpatchable(request.body));
    return services.users.presentFull(user);
  });

  // DELETE /api/v4/users/{user_id} (DeleteUser)
  app.delete(
    '/users/:user_id',
    { schema: { params: UserIdParams, querystring: Type.Object({ permanent: Type.Optional(Type.String()) }) } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      await services.users.deleteUser(request.ctx, userId, queryBool(request.query.permanent));
      return STATUS_OK;
    },
  );

  // PUT /api/v4/users/{user_id}/roles (UpdateUserRoles)
  app.put(
    '/users/:user_id/roles',
    { schema: { params: UserIdParams, body: Type.Object({ roles: Type.Optional(Type.String()) }) }, config: { bodyName: 'roles' } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      await services.users.updateUserRoles(request.ctx, userId, request.body?.roles ?? '');
      await services.audits.record(request.ctx, userId, `/api/v4/users/${userId}/roles`, `roles=${request.body?.roles ?? ''}`);
      return STATUS_OK;
    },
  );

  // PUT /api/v4/users/{user_id}/active (UpdateUserActive)
  app.put(
    '/users/:user_id/active',
    { schema: { params: UserIdParams, body: Type.Object({ active: Type.Optional(Type.Boolean()) }) }, config: { bodyName: 'active' } },
    async (request) => {
      const userId = resolveUserId(request.ctx, request.params.user_id);
      const active = request.body?.active;
      if (active === undefined) throw AppError.invalidParam('active');
      await services.users.updateUserActive(request.ctx, userId, active);
      await services.audits.record(request.ctx, userId, `/api/v4/users/${userId}/active`, `active=${String(active)}`);
      return STATUS_OK;
    },
  );
};

/** The profile fields a patch may carry; ids, roles, auth and secrets are not patchable here. */
export function stripUnpatchable(body: Record<string, unknown> & { password?: string | undefined }) {
  const pick = <T>(key: string): T | undefined => (body[key] === undefined ? undefined : (body[key] as T));
  const patch: Record<string, unknown> = {};
  for (const key of ['username', 'nickname', 'first_name', 'last_name', 'position', 'email', 'props', 'notify_props', 'locale', 'timezone', 'password']) {
    const value = pick(key);
    if (value !== undefined) patch[key] = value;
  }
  return patch as UserPatch & { password?: string };
}
