import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper, uniqueName } from '../helpers/test-helper.js';

const ids = (channels: Array<Pick<Channel, 'id'>>) => channels.map((c) => c.id);

describe('channel listings and searches', () => {
  let th: TestHelper;
  let team: Team;
  let open: Channel;
  let secret: Channel;
  let archived: Channel;
  const word = uniqueName('zebra');

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    open = await createChannel(th.client, team.id, { name: `${word}-open`, display_name: `Open ${word}`, purpose: 'for everyone' });
    secret = await createChannel(th.client, team.id, { name: `${word}-secret`, display_name: `Secret ${word}`, type: 'P' });
    archived = await createChannel(th.client, team.id, { name: `${word}-old`, display_name: `Old ${word}` });
    await th.client.deleteChannel(archived.id);
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('lists the public channels of a team by display name', async () => {
    const listed = await th.client2.getChannels(team.id);
    expect(ids(listed)).toEqual(expect.arrayContaining([open.id]));
    expect(ids(listed)).not.toContain(secret.id);
    expect(ids(listed)).not.toContain(archived.id);
    const names = listed.map((c) => c.display_name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(await th.client2.getChannels(team.id, 0, 1)).toHaveLength(1);
    const outsider = await th.login((await th.createUser()).user.username);
    await expectAppError(outsider.getChannels(team.id), 403, 'api.context.permissions.app_error');
  });

  it('lists private channels for system admins only', async () => {
    const response = await rawRequest(th.url, 'GET', `/api/v4/teams/${team.id}/channels/private`, { token: th.adminClient.getToken() });
    expect(ids(response.json as Channel[])).toContain(secret.id);
    expectErrorBody(await rawRequest(th.url, 'GET', `/api/v4/teams/${team.id}/channels/private`, { token: th.client.getToken() }), 403, 'api.context.permissions.app_error');
  });

  it('lists archived channels: public ones, and private ones to their members', async () => {
    const oldSecret = await createChannel(th.client, team.id, { type: 'P' });
    await th.client.deleteChannel(oldSecret.id);
    expect(ids(await th.client.getArchivedChannels(team.id))).toEqual(expect.arrayContaining([archived.id, oldSecret.id]));
    const forOther = ids(await th.client2.getArchivedChannels(team.id));
    expect(forOther).toContain(archived.id);
    expect(forOther).not.toContain(oldSecret.id);
  });

  it('answers public channels by ids, 404 when none is found', async () => {
    const response = await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/channels/ids`, { token: th.client2.getToken(), body: [open.id, secret.id] });
    expect(ids(response.json as Channel[])).toEqual([open.id]);
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/channels/ids`, { token: th.client2.getToken(), body: [secret.id] }), 404, 'app.channel.get_channels_by_ids.not_found.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/channels/ids`, { token: th.client2.getToken(), body: [] }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/channels/ids`, { token: th.client2.getToken(), body: ['bad'] }), 400, 'api.context.invalid_body_param.app_error');
  });

  it('searches a team\u2019s public channels, or the caller\u2019s own without list_team_channels', async () => {
    expect(ids(await th.client2.searchChannels(team.id, word))).toEqual(expect.arrayContaining([open.id, archived.id]));
    expect(ids(await th.client2.searchChannels(team.id, word))).not.toContain(secret.id);
    expect(ids(await th.client2.searchChannels(team.id, 'everyone'))).toEqual([open.id]);
    expect(ids(await th.client2.searchChannels(team.id, 'open'))).toContain(open.id);
    const guest = await th.createGuest();
    await th.adminClient.addToTeam(team.id, guest.user.id);
    await th.client.addToChannel(guest.user.id, secret.id);
    expect(ids(await guest.client.searchChannels(team.id, word))).toEqual([secret.id]);
    const outsider = await th.login((await th.createUser()).user.username);
    await th.changeRolePermissions('team_user', { remove: ['list_team_channels'] });
    try {
      await expectAppError(outsider.searchChannels(team.id, word), 404, 'app.team.get_member.missing.app_error');
    } finally {
      await th.changeRolePermissions('team_user', { add: ['list_team_channels'] });
    }
  });

  it('searches archived channels', async () => {
    const response = await rawRequest(th.url, 'POST', `/api/v4/teams/${team.id}/channels/search_archived`, { token: th.client2.getToken(), body: { term: word } });
    expect(ids(response.json as Channel[])).toEqual([archived.id]);
  });

  it('autocompletes channels: public ones and the caller\u2019s private ones', async () => {
    expect(ids(await th.client.autocompleteChannels(team.id, word))).toEqual(expect.arrayContaining([open.id, secret.id]));
    const forOther = ids(await th.client2.autocompleteChannels(team.id, word));
    expect(forOther).toContain(open.id);
    expect(forOther).not.toContain(secret.id);
    expect(ids(await th.client.autocompleteChannelsForSearch(team.id, word))).toEqual(expect.arrayContaining([open.id, secret.id]));
    expect(ids(await th.client2.autocompleteChannelsForSearch(team.id, word))).toEqual([]);
  });

  it('searches every channel for system admins, with paging and filters', async () => {
    await expectAppError(th.client.searchAllChannels(word, {}), 403, 'api.context.permissions.app_error');
    const all = (await th.adminClient.searchAllChannels(word, {})) as Array<Channel & { team_name: string }>;
    expect(ids(all)).toEqual(expect.arrayContaining([open.id, secret.id]));
    expect(all.find((c) => c.id === open.id)).toMatchObject({ team_name: team.name, team_display_name: team.display_name });
    const privateOnly = (await th.adminClient.searchAllChannels(word, { private: true })) as Channel[];
    expect(ids(privateOnly)).toEqual([secret.id]);
    const withDeleted = (await th.adminClient.searchAllChannels(word, { include_deleted: true })) as Channel[];
    expect(ids(withDeleted)).toContain(archived.id);
    const paged = (await th.adminClient.searchAllChannels(word, { page: 0, per_page: 1 })) as { channels: Channel[]; total_count: number };
    expect(paged.channels).toHaveLength(1);
    expect(paged.total_count).toBe(2);
    const mine = (await th.client2.searchAllChannels(word, { nonAdminSearch: true })) as Channel[];
    expect(ids(mine)).toEqual([open.id]);
  });

  it('lists every channel for the system console', async () => {
    await expectAppError(th.client.getAllChannels(0, 60, '', false, false, false, false, false, false), 403, 'api.context.permissions.app_error');
    const listed = (await th.adminClient.getAllChannels(0, 200, '', false, true, false, false, false, false)) as { channels: Channel[]; total_count: number };
    expect(ids(listed.channels)).toEqual(expect.arrayContaining([open.id, secret.id]));
    expect(listed.total_count).toBeGreaterThanOrEqual(listed.channels.length);
    const noDefaults = (await th.adminClient.getAllChannels(0, 200, '', true, false, false, false, false, false)) as Channel[];
    expect(noDefaults.map((c) => c.name)).not.toContain('town-square');
  });
});
