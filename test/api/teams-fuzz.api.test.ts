import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/routes/index.js';
import { prng } from '../helpers/fuzz.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const FIELDS = ['id', 'name', 'display_name', 'type', 'allow_open_invite', 'scheme_id', 'team_id', 'user_id', 'roles', 'permissions', 'privacy', 'scope', 'term', 'page', 'per_page', 'emails', 'scheme_admin', 'scheme_user', 'description', 'allowed_domains', 'group_constrained'];

function randomValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 1 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() > 0.5;
    case 2:
      return Math.floor(next() * 2 ** 40) * (next() > 0.5 ? 1 : -1);
    case 3:
      return ['', 'O', 'I', 'team', 'channel', 'x'.repeat(300), 'Ünïcödé 🎉', 'a'.repeat(26), '<script>', 'team_user'][Math.floor(next() * 10)];
    case 4:
      return next() * 1e6;
    case 5:
      return String(Math.floor(next() * 1e9));
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--) object[FIELDS[Math.floor(next() * FIELDS.length)] ?? 'x'] = randomValue(next, depth + 1);
      return object;
    }
  }
}

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
    // Register the real route plugins on a bare instance to learn every route they declare.
    const probe = Fastify();
    const found: Array<{ method: string; url: string }> = [];
    probe.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) found.push({ method: String(method), url: route.url });
    });
    await probe.register(apiRoutes, { prefix: '/api/v4', services: th.server.app.services });
    await probe.ready();
    await probe.close();
    routes = found.filter((r) => r.method !== 'HEAD' && /^\/api\/v4\/(teams|roles|schemes)|^\/api\/v4\/users\/:user_id\/teams/.test(r.url));
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
    const next = prng(20240611);
    const failures: string[] = [];
    const tokens = [th.adminClient.getToken(), th.client.getToken()];
    for (const route of routes) {
      for (let round = 0; round < 12; round++) {
        const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
          // Mostly real ids, so requests get past the path checks into the services.
          const known = ids[name] ?? [];
          const choices = known.length && next() < 0.7 ? known : ['a'.repeat(26), 'not-an-id', '%20', 'x'.repeat(80)];
          return encodeURIComponent(choices[Math.floor(next() * choices.length)] ?? 'x');
        });
        const query = next() > 0.5 ? `?page=${Math.floor(next() * 5) - 1}&per_page=${Math.floor(next() * 300)}&graceful=${next() > 0.5 ? 'true' : ''}&permanent=true&scope=team` : '';
        const body = next() > 0.85 ? '{"broken": ' : randomValue(next);
        const token = tokens[round % tokens.length];
        const response = await rawRequest(th.url, route.method, `${path}${query}`, {
          ...(token ? { token } : {}),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: body ?? 'null' }),
        });
        const id = typeof response.json?.id === 'string' ? (response.json.id as string) : '';
        if (response.status >= 500 && !(response.status === 501 && DELIBERATE_501.has(id))) {
          failures.push(`${route.method} ${path}${query} ${JSON.stringify(body)} -> ${response.status} ${id}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
