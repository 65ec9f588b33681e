import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRoutes, registeredRoutes } from '../helpers/fuzz.js';
import { TestHelper } from '../helpers/test-helper.js';

const FIELDS = ['id', 'name', 'display_name', 'type', 'allow_open_invite', 'scheme_id', 'team_id', 'user_id', 'roles', 'permissions', 'privacy', 'scope', 'term', 'page', 'per_page', 'emails', 'scheme_admin', 'scheme_user', 'description', 'allowed_domains', 'group_constrained'];

/** Answers that are 5xx on purpose, as in Mattermost: features this server does not offer. */
const DELIBERATE_501 = new Set([
  'api.team.import_team.not_supported.app_error',
  'api.team.invite_members.disabled.app_error',
  'api.team.search_teams.pagination_not_implemented.public_team_search',
  'api.team.search_teams.pagination_not_implemented.private_team_search',
  'api.roles.patch_roles.not_allowed_permission.error',
]);

describe('fuzzing the teams, roles and schemes routes', () => {
  let th: TestHelper;
  let routes: Array<{ method: string; url: string }>;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    routes = (await registeredRoutes(th.server.app.services)).filter((r) => /^\/api\/v4\/(teams|roles|schemes)|^\/api\/v4\/users\/:user_id\/teams/.test(r.url));
    const team = await th.createBasicTeam();
    const scheme = await th.adminClient.createScheme({ display_name: 'Fuzz', scope: 'team' } as never);
    const role = await th.adminClient.getRoleByName('team_post_all_public');
    ids['team_id'] = [team.id];
    ids['user_id'] = [th.basicUser.id, 'me'];
    ids['scheme_id'] = [scheme.id];
    ids['role_id'] = [role.id];
    ids['role_name'] = ['team_user'];
    ids['name'] = [team.name];
    ids['invite_id'] = [team.invite_id];
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', url: '/api/v4/teams' }, { method: 'PUT', url: '/api/v4/roles/:role_id/patch' }]));
  });

  it('answers random input without server errors', async () => {
    const failures = await fuzzRoutes({
      url: th.url,
      routes,
      ids,
      tokens: [th.adminClient.getToken(), th.client.getToken()],
      fields: FIELDS,
      seed: 20240611,
      rounds: 12,
      query: (next) => `?page=${Math.floor(next() * 5) - 1}&per_page=${Math.floor(next() * 300)}&graceful=${next() > 0.5 ? 'true' : ''}&permanent=true&scope=team`,
      deliberate501: DELIBERATE_501,
    });
    expect(failures).toEqual([]);
  });
});
