import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('channel members', () => {
  let th: TestHelper;
  let team: Team;
  let third: UserProfile;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    third = (await th.createUser()).user;
    await th.adminClient.addToTeam(team.id, third.id);
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('joins public channels, adds and removes others, and leaves', async () => {
    const channel = await createChannel(th.client, team.id);
    const joined = await th.client2.addToChannel(th.basicUser2.id, channel.id);
    expect(joined).toMatchObject({ channel_id: channel.id, user_id: th.basicUser2.id, roles: 'channel_user', explicit_roles: '', msg_count: 0 });
    // Joining again answers the membership as it is.
    await expect(th.client2.addToChannel(th.basicUser2.id, channel.id)).resolves.toMatchObject({ user_id: th.basicUser2.id });
    await expect(th.client.addToChannel(third.id, channel.id)).resolves.toMatchObject({ user_id: third.id });
    expect((await th.client.getChannelMembers(channel.id)).map((m) => m.user_id).sort()).toEqual([th.basicUser.id, th.basicUser2.id, third.id].sort());
    const byIds = await th.client.getChannelMembersByIds(channel.id, [third.id, 'q'.repeat(26)]);
    expect(byIds.map((m) => m.user_id)).toEqual([third.id]);
    await th.client.removeFromChannel(third.id, channel.id);
    await th.client2.removeFromChannel(th.basicUser2.id, channel.id);
    await expectAppError(th.client.getChannelMember(channel.id, th.basicUser2.id), 404, 'app.channel.get_member.missing.app_error');
    await expectAppError(th.client.removeFromChannel(th.basicUser2.id, channel.id), 404, 'app.channel.get_member.missing.app_error');
  });

  it('adds several users at once with user_ids', async () => {
    const channel = await createChannel(th.client, team.id);
    const response = await rawRequest(th.url, 'POST', `/api/v4/channels/${channel.id}/members`, { token: th.client.getToken(), body: { user_ids: [th.basicUser2.id, third.id] } });
    expect(response.status).toBe(201);
    expect((response.json as Array<{ user_id: string }>).map((m) => m.user_id)).toEqual([th.basicUser2.id, third.id]);
  });

  it('needs a live team membership, an active account and a proper channel', async () => {
    const channel = await createChannel(th.client, team.id);
    const outsider = (await th.createUser()).user;
    await expectAppError(th.adminClient.addToChannel(outsider.id, channel.id), 404, 'app.team.get_member.missing.app_error');
    const leaver = (await th.createUser()).user;
    await th.adminClient.addToTeam(team.id, leaver.id);
    await th.adminClient.removeFromTeam(team.id, leaver.id);
    await expectAppError(th.adminClient.addToChannel(leaver.id, channel.id), 400, 'api.channel.add_user.to.channel.failed.deleted.app_error');
    const inactive = (await th.createUser()).user;
    await th.adminClient.addToTeam(team.id, inactive.id);
    await th.adminClient.updateUserActive(inactive.id, false);
    await expectAppError(th.adminClient.addToChannel(inactive.id, channel.id), 403, 'app.channel.add_member.deleted_user.app_error');
    await expectAppError(th.adminClient.addToChannel('m'.repeat(26), channel.id), 404, 'app.user.missing_account.const');
    await expectAppError(th.adminClient.addToChannel(th.basicUser2.id, 'n'.repeat(26)), 404, 'app.channel.get.existing.app_error');
    const bad = await rawRequest(th.url, 'POST', `/api/v4/channels/${channel.id}/members`, { token: th.client.getToken(), body: { user_id: 'short' } });
    expectErrorBody(bad, 400, 'api.context.invalid_body_param.app_error');
    const badRoot = await rawRequest(th.url, 'POST', `/api/v4/channels/${channel.id}/members`, { token: th.client.getToken(), body: { user_id: third.id, post_root_id: 'x' } });
    expectErrorBody(badRoot, 400, 'api.context.invalid_body_param.app_error');
    await th.client.deleteChannel(channel.id);
    await expectAppError(th.adminClient.addToChannel(th.basicUser2.id, channel.id), 400, 'api.channel.add_user_to_channel.deleted.app_error');
  });

  it('keeps everyone but guests in town-square', async () => {
    const townSquare = await th.client.getChannelByName(team.id, 'town-square');
    await expectAppError(th.client.removeFromChannel(th.basicUser.id, townSquare.id), 400, 'api.channel.remove.default.app_error');
    await expectAppError(th.adminClient.removeFromChannel(th.basicUser2.id, townSquare.id), 400, 'api.channel.remove.default.app_error');
  });

  it('takes a guest out of the team with their last channel', async () => {
    const guestTeam = await th.createTeam();
    const guest = await th.createGuest();
    await th.adminClient.addToTeam(guestTeam.id, guest.user.id);
    const room = await createChannel(th.adminClient, guestTeam.id, { type: 'P' });
    await th.adminClient.addToChannel(guest.user.id, room.id);
    await th.adminClient.removeFromChannel(guest.user.id, room.id);
    expect((await th.adminClient.getTeamMember(guestTeam.id, guest.user.id)).delete_at).toBeGreaterThan(0);
  });

  it('updates roles through the channel scheme roles and refuses the others', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client.addToChannel(th.basicUser2.id, channel.id);
    await th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'channel_user channel_admin');
    expect(await th.client.getChannelMember(channel.id, th.basicUser2.id)).toMatchObject({ scheme_admin: true, roles: 'channel_user channel_admin' });
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'team_admin'), 400, 'api.channel.update_channel_member_roles.scheme_role.app_error');
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'no_such_role'), 400, 'app.role.get_by_name.app_error');
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'channel_guest'), 400, 'api.channel.update_channel_member_roles.changing_guest_role.app_error');
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'channel_admin'), 400, 'api.channel.update_channel_member_roles.unset_user_scheme.app_error');
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, th.basicUser2.id, 'BAD ROLE!'), 400, 'api.context.invalid_body_param.app_error');
    await th.client.updateChannelMemberSchemeRoles(channel.id, th.basicUser2.id, true, false);
    expect(await th.client.getChannelMember(channel.id, th.basicUser2.id)).toMatchObject({ scheme_admin: false, roles: 'channel_user' });
    await expectAppError(th.client.updateChannelMemberSchemeRoles(channel.id, th.basicUser2.id, false, false), 400, 'api.channel.update_channel_member_roles.unset_user_scheme.app_error');
    await expectAppError(th.client2.updateChannelMemberRoles(channel.id, th.basicUser.id, 'channel_user'), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.updateChannelMemberRoles(channel.id, third.id, 'channel_user'), 404, 'app.channel.get_member.missing.app_error');
  });

  it('updates notify props, keeping the ones not sent and ignoring unknown ones', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser.id, desktop: 'mention', mark_unread: 'mention', unknown: 'x' });
    expect((await th.client.getMyChannelMember(channel.id)).notify_props).toEqual({
      desktop: 'mention',
      mark_unread: 'mention',
      push: 'default',
      email: 'default',
      ignore_channel_mentions: 'default',
      channel_auto_follow_threads: 'off',
    });
    await expectAppError(th.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser.id, desktop: 'loud' }), 400, 'model.channel_member.is_valid.notify_level.app_error');
    await expectAppError(th.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser.id, mark_unread: 'x' }), 400, 'model.channel_member.is_valid.unread_level.app_error');
    await expectAppError(th.client2.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser.id, desktop: 'all' }), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client2.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser2.id, desktop: 'all' }), 404, 'app.channel.get_member.missing.app_error');
  });

  it('lists a user\u2019s channels and memberships of a team, with conversations', async () => {
    const channel = await createChannel(th.client, team.id, { type: 'P' });
    const dm = await th.client.createDirectChannel([th.basicUser.id, third.id]);
    const channels = await th.client.getMyChannels(team.id);
    expect(channels.map((c) => c.id)).toEqual(expect.arrayContaining([channel.id, dm.id]));
    const members = await th.client.getMyChannelMembers(team.id);
    expect(members.map((m) => m.channel_id)).toEqual(expect.arrayContaining([channel.id, dm.id]));
    const everywhere = await th.client.getAllTeamsChannels();
    expect(everywhere.map((c) => c.id)).toEqual(expect.arrayContaining([channel.id, dm.id]));
    await expectAppError(th.client2.getChannelMembers(channel.id), 403, 'api.context.permissions.app_error');
    const others = await rawRequest(th.url, 'GET', `/api/v4/users/${th.basicUser.id}/teams/${team.id}/channels/members`, { token: th.client2.getToken() });
    expectErrorBody(others, 403, 'api.context.permissions.app_error');
    const othersChannels = await rawRequest(th.url, 'GET', `/api/v4/users/${th.basicUser.id}/teams/${team.id}/channels`, { token: th.client2.getToken() });
    expectErrorBody(othersChannels, 403, 'api.context.permissions.app_error');
    const badDelete = await rawRequest(th.url, 'GET', `/api/v4/users/me/teams/${team.id}/channels?last_delete_at=-5`, { token: th.client.getToken() });
    expectErrorBody(badDelete, 400, 'api.context.invalid_url_param.app_error');
  });

  it('lists archived channels only when asked', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client.deleteChannel(channel.id);
    expect((await th.client.getMyChannels(team.id)).map((c) => c.id)).not.toContain(channel.id);
    expect((await th.client.getMyChannels(team.id, true)).map((c) => c.id)).toContain(channel.id);
  });
});
