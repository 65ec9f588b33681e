import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../helpers/server.js';
import { registeredRoutes, type RegisteredRoute } from '../helpers/routes.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

// Reproduce a failure with FUZZ_SEED=<seed printed in the failure> npx vitest run test/api/fuzz.api.test.ts
const SEED = Number(process.env['FUZZ_SEED'] ?? 20240611);
const REQUESTS_PER_ACTOR = 250;
const APP_ERROR_KEYS = ['detailed_error', 'id', 'message', 'request_id', 'status_code'];

/** mulberry32: small, fast and good enough to pick test inputs reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Junk {
  constructor(private readonly random: () => number) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  string(): string {
    return this.pick<() => string>([
      () => '',
      () => 'a',
      () => 'x'.repeat(1 + this.int(300)),
      () => 'y'.repeat(70_000),
      () => 'ünïcødé 👍 \u202e\u200b',
      () => '%_\\\'";--',
      () => '../../etc/passwd',
      () => '\u0000\u0001',
      () => 'me',
      () => 'system_admin system_user',
      () => String(this.int(1_000_000)).padStart(6, '0'),
      () => Array.from({ length: 26 }, () => this.pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join(''),
      () => 'user@example.com',
      () => 'true',
    ])();
  }

  value(depth = 0): unknown {
    const kinds: Array<() => unknown> = [
      () => null,
      () => this.chance(0.5),
      () => this.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 200, 1001]),
      () => this.string(),
    ];
    if (depth < 3) {
      kinds.push(() => Array.from({ length: this.int(4) }, () => this.value(depth + 1)));
      kinds.push(() => this.object(depth + 1));
    }
    return this.pick(kinds)();
  }

  object(depth = 0): Record<string, unknown> {
    const keys = [
      'id', 'username', 'email', 'password', 'nickname', 'first_name', 'last_name', 'position', 'locale', 'props',
      'notify_props', 'timezone', 'roles', 'active', 'activate', 'code', 'term', 'limit', 'session_id', 'device_id',
      'login_id', 'token', 'team_id', 'allow_inactive', 'auth_data', 'auth_service', 'user_ids', '__proto__', 'constructor',
    ];
    const out: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--) {
      const key = this.pick(keys);
      // Prototype keys are refused by the JSON parser; keep most bodies parseable.
      if ((key === '__proto__' || key === 'constructor') && !this.chance(0.2)) continue;
      out[key] = this.value(depth);
    }
    return out;
  }
}

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

/** What is wrong with an answer, or undefined when it is acceptable. */
function checkResponse(response: RawResponse): string | undefined {
  // 501 is how Mattermost answers a feature that is switched off (MFA) or not offered; it must
  // still be a well-formed error. Any other 5xx is a server fault.
  if (response.status >= 500 && response.status !== 501) return `status ${response.status} ${response.text.slice(0, 300)}`;
  if (response.status < 400) return undefined;
  if (response.headers.get('content-type') !== 'application/json') return `error with content-type ${response.headers.get('content-type')}`;
  const body = response.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return `error body is not JSON: ${response.text.slice(0, 200)}`;
  const keys = Object.keys(body).sort();
  if (keys.join() !== APP_ERROR_KEYS.join()) return `error body keys ${keys.join()}`;
  if (body['status_code'] !== response.status) return `status_code ${String(body['status_code'])} ≠ ${response.status}`;
  if (typeof body['id'] !== 'string' || body['id'] === '') return 'error without id';
  return undefined;
}
