import { createHash } from 'node:crypto';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('direct and group messages', () => {
  let th: TestHelper;
  let third: UserProfile;
  let fourth: UserProfile;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    third = (await th.createUser()).user;
    fourth = (await th.createUser()).user;
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('names a direct message after its two sorted user ids and answers the same channel twice', async () => {
    const first = await th.client.createDirectChannel([th.basicUser.id, th.basicUser2.id]);
    const expectedName = [th.basicUser.id, th.basicUser2.id].sort().join('__');
    expect(first).toMatchObject({ type: 'D', name: expectedName, team_id: '', display_name: '' });
    const second = await th.client2.createDirectChannel([th.basicUser2.id, th.basicUser.id]);
    expect(second.id).toBe(first.id);
    for (const client of [th.client, th.client2]) {
      expect(await client.getMyChannelMember(first.id)).toMatchObject({ scheme_user: true, scheme_admin: false, roles: 'channel_user' });
    }
  });

  it('lets a user message themselves', async () => {
    const self = await th.client.createDirectChannel([th.basicUser.id, th.basicUser.id]);
    expect(self.name).toBe(`${th.basicUser.id}__${th.basicUser.id}`);
    expect((await th.client.getChannelMembers(self.id)).map((m) => m.user_id)).toEqual([th.basicUser.id]);
    expect((await th.client.createDirectChannel([th.basicUser.id, th.basicUser.id])).id).toBe(self.id);
  });

  it('creates both members even when created concurrently', async () => {
    const results = await Promise.all([
      th.client.createDirectChannel([th.basicUser.id, third.id]),
      th.client.createDirectChannel([third.id, th.basicUser.id]),
      th.client.createDirectChannel([th.basicUser.id, third.id]),
    ]);
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect((await th.client.getChannelMembers(results[0]?.id ?? '')).length).toBe(2);
  });

  it('refuses malformed direct messages and other people\u2019s', async () => {
    const post = (body: unknown, token = th.client.getToken()) => rawRequest(th.url, 'POST', '/api/v4/channels/direct', { token, body });
    expectErrorBody(await post([th.basicUser.id]), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await post([th.basicUser.id, 'nope']), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await post({ a: 1 }), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(th.client.createDirectChannel([th.basicUser2.id, third.id]), 403, 'api.context.permissions.app_error');
    await expect(th.adminClient.createDirectChannel([th.basicUser2.id, fourth.id])).resolves.toMatchObject({ type: 'D' });
    await expectAppError(th.client.createDirectChannel([th.basicUser.id, 'z'.repeat(26)]), 400, 'api.channel.create_direct_channel.invalid_user.app_error');
  });

  it('refuses direct messages without create_direct_channel, and to people a guest cannot see', async () => {
    const guest = await th.createGuest();
    await expectAppError(guest.client.createDirectChannel([guest.user.id, th.basicUser.id]), 403, 'api.context.permissions.app_error');
    await th.changeRolePermissions('system_user', { remove: ['create_direct_channel'] });
    try {
      await expectAppError(th.client.createDirectChannel([th.basicUser.id, fourth.id]), 403, 'api.context.permissions.app_error');
    } finally {
      await th.changeRolePermissions('system_user', { add: ['create_direct_channel'] });
    }
  });

  it('limits direct messages to team-mates when RestrictDirectMessage is "team"', async () => {
    th.updateConfig((c) => {
      c.TeamSettings.RestrictDirectMessage = 'team';
    });
    try {
      const loner = (await th.createUser()).user;
      await expectAppError(th.client.createDirectChannel([th.basicUser.id, loner.id]), 403, 'api.channel.create_channel.direct_channel.team_restricted_error');
      const team = await th.createTeam(th.client);
      await th.client.addToTeam(team.id, loner.id);
      await expect(th.client.createDirectChannel([th.basicUser.id, loner.id])).resolves.toMatchObject({ type: 'D' });
    } finally {
      th.updateConfig((c) => {
        c.TeamSettings.RestrictDirectMessage = 'any';
      });
    }
  });

  it('names a group message with the SHA-1 of its sorted members and answers the same channel twice', async () => {
    const ids = [th.basicUser.id, th.basicUser2.id, third.id];
    const group = await th.client.createGroupChannel([th.basicUser2.id, third.id]);
    const expectedName = createHash('sha1').update([...ids].sort().join('')).digest('hex');
    const usernames = [th.basicUser.username, th.basicUser2.username, third.username].sort().join(', ');
    expect(group).toMatchObject({ type: 'G', name: expectedName, team_id: '', display_name: usernames.slice(0, 64) });
    expect((await th.client2.createGroupChannel([third.id, th.basicUser.id, th.basicUser2.id])).id).toBe(group.id);
    expect((await th.client.getChannelMembers(group.id)).map((m) => m.user_id).sort()).toEqual([...ids].sort());
    expect(await th.client.searchGroupChannels(th.basicUser2.username)).toEqual([expect.objectContaining({ id: group.id })]);
  });

  it('refuses groups of the wrong size or with unknown users', async () => {
    await expectAppError(th.client.createGroupChannel([th.basicUser2.id]), 400, 'api.channel.create_group.bad_size.app_error');
    const many = await Promise.all(Array.from({ length: 8 }, async () => (await th.createUser()).user.id));
    await expectAppError(th.client.createGroupChannel(many), 400, 'api.channel.create_group.bad_size.app_error');
    await expectAppError(th.client.createGroupChannel([th.basicUser2.id, 'y'.repeat(26)]), 400, 'api.channel.create_group.bad_user.app_error');
    await expectAppError(th.client.createGroupChannel([th.basicUser2.id, th.basicUser2.id]), 400, 'api.channel.create_group.bad_user.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/channels/group', { token: th.client.getToken(), body: [] }), 400, 'api.context.invalid_body_param.app_error');
  });

  it('lets members change a conversation\u2019s header but not its name, and keeps others out', async () => {
    const dm = await th.client.createDirectChannel([th.basicUser.id, th.basicUser2.id]);
    await expect(th.client.patchChannel(dm.id, { header: 'our header' })).resolves.toMatchObject({ header: 'our header' });
    await expectAppError(th.client.patchChannel(dm.id, { name: 'renamed' }), 400, 'api.channel.rename_channel.cant_rename_direct_messages.app_error');
    const outsider = await th.login((await th.createUser()).user.username);
    await expectAppError(outsider.patchChannel(dm.id, { header: 'mine' }), 403, 'api.channel.patch_update_channel.forbidden.app_error');
    await expectAppError(outsider.getChannel(dm.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.deleteChannel(dm.id), 400, 'api.channel.delete_channel.type.invalid');
    await expectAppError(th.client.addToChannel(third.id, dm.id), 400, 'api.channel.add_user_to_channel.type.app_error');
    await expectAppError(th.client.removeFromChannel(th.basicUser2.id, dm.id), 400, 'api.channel.remove_channel_member.type.app_error');
  });
});
