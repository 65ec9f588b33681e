import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { fuzzRoutes, registeredRoutes } from '../helpers/fuzz.js';
import { TestHelper } from '../helpers/test-helper.js';

const FIELDS = [
  'id', 'team_id', 'user_id', 'user_ids', 'channel_id', 'prev_channel_id', 'name', 'display_name', 'type', 'header', 'purpose', 'privacy',
  'scheme_id', 'roles', 'scheme_admin', 'scheme_user', 'scheme_guest', 'desktop', 'mark_unread', 'push', 'email', 'term', 'team_ids',
  'public', 'private', 'deleted', 'include_deleted', 'page', 'per_page', 'channel_ids', 'sorting', 'muted', 'collapsed', 'delete_at',
  'group_constrained', 'post_root_id',
];

/** The channel routes answering 501 on purpose: channel moderation is not offered yet. */
const DELIBERATE_501 = new Set(['api.channel.channel_moderations.not_available.app_error']);

const CHANNEL_ROUTES = /^\/api\/v4\/(channels|teams\/:team_id\/channels|teams\/name\/:team_name\/channels|users\/:user_id\/(channels|teams\/unread|teams\/:team_id\/(channels|unread)))/;

describe('fuzzing the channel routes', () => {
  let th: TestHelper;
  let routes: Array<{ method: string; url: string }>;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    th = await (await TestHelper.setup((c) => {
      c.ServiceSettings.EnableAPIChannelDeletion = true;
    })).initBasic();
    routes = (await registeredRoutes(th.server.app.services)).filter((r) => CHANNEL_ROUTES.test(r.url));
    const team = await th.createBasicTeam();
    const open = await createChannel(th.client, team.id);
    const secret = await createChannel(th.client, team.id, { type: 'P' });
    const dm = await th.client.createDirectChannel([th.basicUser.id, th.basicUser2.id]);
    await th.client2.addToChannel(th.basicUser2.id, open.id);
    const categories = await th.client.getChannelCategories(th.basicUser.id, team.id);
    ids['team_id'] = [team.id];
    ids['team_name'] = [team.name];
    ids['user_id'] = [th.basicUser.id, th.basicUser2.id, 'me'];
    ids['channel_id'] = [open.id, secret.id, dm.id];
    ids['channel_name'] = [open.name, secret.name, 'town-square', dm.name];
    ids['category_id'] = categories.order;
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('finds every channel route', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', url: '/api/v4/channels' },
        { method: 'POST', url: '/api/v4/channels/members/:user_id/view' },
        { method: 'DELETE', url: '/api/v4/users/:user_id/teams/:team_id/channels/categories/:category_id' },
        { method: 'GET', url: '/api/v4/users/:user_id/teams/unread' },
      ]),
    );
  });

  it('answers random input without server errors', async () => {
    const failures = await fuzzRoutes({
      url: th.url,
      routes,
      ids,
      tokens: [th.client.getToken(), th.adminClient.getToken(), th.client2.getToken()],
      fields: FIELDS,
      seed: 20240725,
      rounds: 10,
      query: (next) =>
        `?page=${Math.floor(next() * 5) - 1}&per_page=${Math.floor(next() * 300)}&include_deleted=${next() > 0.5}&last_delete_at=${Math.floor(next() * 3) - 1}` +
        `&name=${next() > 0.5 ? 'town' : '%25_'}&permanent=${next() > 0.7}&system_console=${['true', 'false', 'maybe'][Math.floor(next() * 3)] ?? ''}&in_channel=x`,
      deliberate501: DELIBERATE_501,
    });
    expect(failures).toEqual([]);
  });
});
