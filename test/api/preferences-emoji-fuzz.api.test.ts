import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Junk, checkResponse, prng } from '../helpers/fuzz-input.js';
import { registeredRoutes, type RegisteredRoute } from '../helpers/routes.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

// Reproduce a failure with FUZZ_SEED=<seed printed in the failure> npx vitest run test/api/preferences-emoji-fuzz.api.test.ts
const SEED = Number(process.env['FUZZ_SEED'] ?? 20240923);
const REQUESTS_PER_ACTOR = 400;
const KEYS = ['user_id', 'category', 'name', 'value', 'term', 'prefix_only', 'id', 'creator_id', 'create_at', 'delete_at', '__proto__'];
const CATEGORIES = ['display_settings', 'theme', 'flagged_post', 'custom_status', 'sidebar_settings', 'tutorial_step', 'x', 'Caps', 'a-b'];
const NAMES = ['use_military_time', 'recent_custom_statuses', 'limit_visible_dms_gms', '', 'n'.repeat(40)];

describe('fuzzing every /emoji and /preferences route', () => {
  let th: TestHelper;
  let routes: RegisteredRoute[];
  let emojiIds: string[];
  const junk = new Junk(prng(SEED), KEYS);

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    routes = registeredRoutes(th.server.app.http).filter((r) => r.path.startsWith('/api/v4/emoji') || r.path.includes('/preferences'));
    const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    emojiIds = [];
    for (const client of [th.client, th.client2]) {
      const me = await client.getMe();
      const file = new File([new Uint8Array(image)], 'e.png', { type: 'image/png' });
      emojiIds.push((await client.createCustomEmoji({ name: uniqueName('fz'), creator_id: me.id }, file)).id);
    }
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('finds the routes to fuzz', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v4/emoji',
        'GET /api/v4/emoji/:emoji_id/image',
        'GET /api/v4/users/:user_id/preferences/:category/name/:preference_name',
        'POST /api/v4/users/:user_id/preferences/delete',
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(14);
  });

  for (const role of ['admin', 'user'] as const) {
    it(`never fails with a 5xx or a malformed error, as ${role === 'admin' ? 'a system admin' : 'a plain user'} (seed ${SEED})`, async () => {
      const client = role === 'admin' ? th.adminClient : th.client;
      const self = role === 'admin' ? th.systemAdminUser : th.basicUser;
      const failures: string[] = [];
      for (let i = 0; i < REQUESTS_PER_ACTOR; i++) {
        const route = junk.pick(routes);
        const path = route.path
          .replace(':user_id', () => junk.pick(['me', self.id, th.basicUser2.id, 'a'.repeat(26), encodeURIComponent(junk.string())]))
          .replace(':category', () => encodeURIComponent(junk.chance(0.6) ? junk.pick(CATEGORIES) : junk.string()))
          .replace(':preference_name', () => encodeURIComponent(junk.chance(0.6) ? junk.pick(NAMES) : junk.string()))
          .replace(':emoji_id', () => encodeURIComponent(junk.chance(0.5) ? junk.pick(emojiIds) : junk.string()))
          .replace(':emoji_name', () => encodeURIComponent(junk.chance(0.3) ? 'smile' : junk.string()));
        const query = new URLSearchParams();
        for (let n = junk.int(3); n > 0; n--) query.append(junk.pick(['page', 'per_page', 'sort', 'name']), junk.string().slice(0, 500));
        const url = `${path}${query.size ? `?${query.toString()}` : ''}`;
        const { body, headers } = route.method === 'GET' ? { body: undefined, headers: {} } : makeBody(junk, self.id);
        const response = await rawRequest(th.url, route.method, url, { token: client.getToken(), headers, ...(body !== undefined ? { body } : {}) });
        const problem = checkResponse(response);
        if (problem) failures.push(`#${i} ${route.method} ${url.slice(0, 200)} body=${String(body ?? '').slice(0, 200)} → ${problem}`);
      }
      expect(failures, `seed ${SEED}`).toEqual([]);
      expect((await rawRequest(th.url, 'GET', '/api/v4/system/ping')).status).toBe(200);
      expect((await client.getMe()).id).toBe(self.id);
    });
  }
});

/** A body of the kind these routes read: lists of preferences, search terms, multipart forms, or junk. */
function makeBody(junk: Junk, selfId: string): { body: string | undefined; headers: Record<string, string> } {
  const preference = () => ({
    user_id: junk.chance(0.7) ? selfId : junk.value(),
    category: junk.chance(0.7) ? junk.pick(CATEGORIES) : junk.value(),
    name: junk.chance(0.7) ? junk.pick(NAMES) : junk.value(),
    value: junk.chance(0.7) ? junk.string() : junk.value(),
  });
  const body = junk.pick<() => string | undefined>([
    () => JSON.stringify(Array.from({ length: junk.int(4) }, preference)),
    () => JSON.stringify(junk.object()),
    () => JSON.stringify(junk.value()),
    () => JSON.stringify({ term: junk.string(), prefix_only: junk.value() }),
    () => JSON.stringify([junk.string(), 'smile', junk.string()]),
    () => '{"unterminated": ',
    () => undefined,
    () =>
      `--b\r\nContent-Disposition: form-data; name="emoji"\r\n\r\n${JSON.stringify({ name: junk.string(), creator_id: junk.chance(0.5) ? selfId : junk.value() })}\r\n` +
      `--b\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\n\r\n${junk.string()}\r\n--b--\r\n`,
  ])();
  const type = body?.startsWith('--b') ? 'multipart/form-data; boundary=b' : junk.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=b']);
  return { body, headers: body === undefined ? {} : { 'Content-Type': type } };
}
