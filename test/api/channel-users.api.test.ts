import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const ids = (users: Array<Pick<UserProfile, 'id'>>) => users.map((u) => u.id);

describe('user listings filtered by channel', () => {
  let th: TestHelper;
  let team: Team;
  let channel: Channel;
  let third: UserProfile;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    third = (await th.createUser()).user;
    await th.adminClient.addToTeam(team.id, third.id);
    channel = await createChannel(th.client, team.id);
    await th.client.addToChannel(th.basicUser2.id, channel.id);
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('lists a channel\u2019s members, and the team\u2019s others', async () => {
    const members = await th.client.getProfilesInChannel(channel.id);
    expect(ids(members).sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
    expect(members.map((u) => u.username)).toEqual([...members.map((u) => u.username)].sort());
    const others = await th.client.getProfilesNotInChannel(team.id, channel.id, false);
    expect(ids(others)).toContain(third.id);
    expect(ids(others)).not.toContain(th.basicUser.id);
  });

  it('sorts channel admins first and filters by channel roles', async () => {
    const byAdmin = await th.client.getProfilesInChannel(channel.id, 0, 60, 'admin');
    expect(byAdmin[0]?.id).toBe(th.basicUser.id);
    const byStatus = await th.client.getProfilesInChannel(channel.id, 0, 60, 'status');
    expect(byStatus).toHaveLength(2);
    const withRoles = async (roles: string) =>
      ids((await rawRequest(th.url, 'GET', `/api/v4/users?in_channel=${channel.id}&channel_roles=${roles}`, { token: th.client.getToken() })).json as UserProfile[]);
    expect(await withRoles('channel_admin')).toEqual([th.basicUser.id]);
    expect(await withRoles('channel_user')).toEqual([th.basicUser2.id]);
    expect((await withRoles('channel_admin,channel_user')).sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
    expectErrorBody(await rawRequest(th.url, 'GET', `/api/v4/users?sort=admin&in_team=${team.id}`, { token: th.client.getToken() }), 400, 'api.context.invalid_url_param.app_error');
  });

  it('lists group message members', async () => {
    const group = await th.client.createGroupChannel([th.basicUser2.id, third.id]);
    const response = await rawRequest(th.url, 'GET', `/api/v4/users?in_group_channel=${group.id}`, { token: th.client.getToken() });
    expect(ids(response.json as UserProfile[]).sort()).toEqual([th.basicUser.id, th.basicUser2.id, third.id].sort());
  });

  it('refuses the members of channels the caller may not read', async () => {
    const secret = await createChannel(th.client, team.id, { type: 'P' });
    await expectAppError(th.client2.getProfilesInChannel(secret.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client2.getProfilesInChannel('u'.repeat(26)), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client2.searchUsers(th.basicUser.username, { in_channel_id: secret.id }), 403, 'api.context.permissions.app_error');
  });

  it('searches and autocompletes within a channel', async () => {
    const found = await th.client.searchUsers(th.basicUser2.username, { in_channel_id: channel.id });
    expect(ids(found)).toEqual([th.basicUser2.id]);
    expect(await th.client.searchUsers(third.username, { in_channel_id: channel.id })).toEqual([]);
    expect(ids(await th.client.searchUsers(third.username, { not_in_channel_id: channel.id, team_id: team.id }))).toEqual([third.id]);
    const completed = await th.client.autocompleteUsers('', team.id, channel.id);
    expect(ids(completed.users).sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
    expect(ids(completed.out_of_channel ?? [])).toContain(third.id);
  });

  it('knows the people the caller shares a channel with', async () => {
    const known = await rawRequest(th.url, 'GET', '/api/v4/users/known', { token: th.client2.getToken() });
    expect(known.json).toEqual(expect.arrayContaining([th.basicUser.id]));
    expect(known.json).not.toContain(th.basicUser2.id);
  });

  it('shows a guest only the people of its channels', async () => {
    const guest = await th.createGuest();
    await th.adminClient.addToTeam(team.id, guest.user.id);
    await th.client.addToChannel(guest.user.id, channel.id);
    const seen = ids(await guest.client.getProfiles(0, 200));
    expect(seen.sort()).toEqual([th.basicUser.id, th.basicUser2.id, guest.user.id].sort());
    await expect(guest.client.getUser(th.basicUser2.id)).resolves.toMatchObject({ id: th.basicUser2.id });
    await expectAppError(guest.client.getUser(third.id), 403, 'api.context.permissions.app_error');
  });
});
