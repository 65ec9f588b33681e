import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Junk, checkResponse, prng } from '../helpers/fuzz-input.js';
import { rawRequest, type RawResponse } from '../helpers/server.js';
import { registeredRoutes, type RegisteredRoute } from '../helpers/routes.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

// Reproduce a failure with FUZZ_SEED=<seed printed in the failure> npx vitest run test/api/fuzz.api.test.ts
const SEED = Number(process.env['FUZZ_SEED'] ?? 20240611);
const REQUESTS_PER_ACTOR = 250;

interface Probe {
  method: string;
  url: string;
  body?: string;
  headers: Record<string, string>;
}

describe('fuzzing every /api/v4/users route', () => {
  let th: TestHelper;
  let routes: RegisteredRoute[];
  const junk = new Junk(prng(SEED));

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    routes = registeredRoutes(th.server.app.http).filter((r) => r.path.startsWith('/api/v4/users'));
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('finds the routes to fuzz', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toContain('GET /api/v4/users/:user_id');
    expect(names).toContain('POST /api/v4/users/:user_id/image');
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  for (const role of ['admin', 'user'] as const) {
    it(`never fails with a 5xx or a malformed error, as ${role === 'admin' ? 'a system admin' : 'a plain user'} (seed ${SEED})`, async () => {
      // Actors and targets of their own, so what the fuzzer breaks (deactivations, revoked
      // sessions, lost roles) never touches the helper's accounts, which repair the damage.
      const actor = (await th.createUser({ username: uniqueName(`fz${role}`) })).user;
      const roles = role === 'admin' ? 'system_user system_admin' : 'system_user';
      if (role === 'admin') await th.adminClient.updateUserRoles(actor.id, roles);
      const victims: UserProfile[] = [];
      for (let i = 0; i < 2; i++) victims.push((await th.createUser({ username: uniqueName('fzvictim') })).user);
      let token = (await th.login(actor.username)).getToken();

      const heal = async (): Promise<void> => {
        // The fuzzer may have turned the actor into a bot (convert_to_bot); turn it back first.
        const me = await th.adminClient.getUser(actor.id);
        if (me.is_bot) {
          const back = await rawRequest(th.url, 'POST', `/api/v4/bots/${actor.id}/convert_to_user`, {
            token: th.adminClient.getToken(),
            body: { password: DEFAULT_PASSWORD },
          });
          expect(back.status).toBe(200);
        }
        await th.adminClient.updateUserActive(actor.id, true);
        await th.adminClient.updateUserRoles(actor.id, roles);
        token = (await th.login(actor.username)).getToken();
      };

      const failures: string[] = [];
      for (let i = 0; i < REQUESTS_PER_ACTOR; i++) {
        const probe = makeProbe(junk, pickRoute(junk, routes), { self: actor, victims });
        let response: RawResponse;
        try {
          response = await rawRequest(th.url, probe.method, probe.url, {
            token,
            headers: probe.headers,
            ...(probe.body !== undefined ? { body: probe.body } : {}),
          });
        } catch (error) {
          failures.push(`#${i} ${probe.method} ${probe.url}: no answer (${String(error)})`);
          break;
        }
        const problem = checkResponse(response);
        if (problem) failures.push(`#${i} ${probe.method} ${probe.url.slice(0, 200)} body=${(probe.body ?? '').slice(0, 200)} → ${problem}`);
        if (response.status === 401) await heal();
      }
      expect(failures, `seed ${SEED}`).toEqual([]);

      // The server still answers normally afterwards.
      const ping = await rawRequest(th.url, 'GET', '/api/v4/system/ping');
      expect(ping.status).toBe(200);
      expect((await th.adminClient.getMe()).id).toBe(th.systemAdminUser.id);
      expect((await th.client.getMe()).id).toBe(th.basicUser.id);
    });
  }
});

function pickRoute(junk: Junk, routes: RegisteredRoute[]): RegisteredRoute {
  // Logout would end the actor's session on every other draw; keep it rare.
  const route = junk.pick(routes);
  return route.path.endsWith('/logout') && !junk.chance(0.1) ? junk.pick(routes) : route;
}

function makeProbe(junk: Junk, route: RegisteredRoute, people: { self: UserProfile; victims: UserProfile[] }): Probe {
  const idFor = (): string =>
    junk.pick([
      () => 'me',
      () => people.self.id,
      () => junk.pick(people.victims).id,
      () => 'a'.repeat(26),
      () => encodeURIComponent(junk.string()),
    ])();
  const path = route.path
    .replace(':user_id', idFor)
    .replace(':username', () => encodeURIComponent(junk.chance(0.5) ? junk.pick(people.victims).username : junk.string()))
    .replace(':email', () => encodeURIComponent(junk.chance(0.5) ? junk.pick(people.victims).email : junk.string()));
  const query = new URLSearchParams();
  for (let n = junk.int(4); n > 0; n--) {
    const key = junk.pick(['page', 'per_page', 'sort', 'active', 'inactive', 'role', 'roles', 'since', 'limit', 'name', 'in_team', 'in_channel', 'not_in_channel', 'permanent', '_', 't', 'iid']);
    query.append(key, junk.string().slice(0, 2000));
  }
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (route.method !== 'GET' && junk.chance(0.85)) {
    body = junk.pick([
      () => JSON.stringify(junk.object()),
      () => JSON.stringify(junk.value()),
      () => '{"unterminated": ',
      () => '',
      () => 'not json at all',
      () => JSON.stringify([junk.pick(people.victims).id, junk.string()]),
      () => `--b\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\n\r\n${junk.string()}\r\n--b--\r\n`,
    ])();
    headers['Content-Type'] = junk.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'application/json; charset=utf-8']);
  }
  // The login route: never with the actor's own name, so the fuzzer cannot lock the actor out.
  if (route.path.endsWith('/login') && body?.includes(people.self.username)) body = '{}';
  const search = query.toString();
  return { method: route.method, url: `${path}${search ? `?${search}` : ''}`, ...(body !== undefined ? { body } : {}), headers };
}
