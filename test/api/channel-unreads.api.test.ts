import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createChannel } from '../helpers/channels.js';
import { expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('reading channels and unread counts', () => {
  let th: TestHelper;
  let team: Team;
  let store: Store;

  /** What the posts area will do for a new post: count it, and count the mentions it makes. */
  async function post(channelId: string, options: { root: boolean; at: number; mentions?: string[]; urgent?: boolean }): Promise<void> {
    await store.channels.incrementPostCounts(channelId, { isRoot: options.root, createAt: options.at });
    await store.channelMembers.incrementMentionCounts(channelId, options.mentions ?? [], { isRoot: options.root, urgent: options.urgent ?? false, at: options.at });
  }

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    store = new Store(th.server.app.database.db, th.server.app.database.dialect);
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('counts unread messages and mentions per channel and per team, and clears them on view', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client2.addToChannel(th.basicUser2.id, channel.id);
    await post(channel.id, { root: true, at: 10_000, mentions: [th.basicUser2.id], urgent: true });
    await post(channel.id, { root: false, at: 10_001 });
    await post(channel.id, { root: true, at: 10_002 });

    expect(await th.client2.getChannel(channel.id)).toMatchObject({ total_msg_count: 3, total_msg_count_root: 2, last_post_at: 10_002, last_root_post_at: 10_002 });
    const unread = await rawRequest(th.url, 'GET', `/api/v4/users/me/channels/${channel.id}/unread`, { token: th.client2.getToken() });
    expect(unread.json).toEqual({ team_id: team.id, channel_id: channel.id, msg_count: 3, mention_count: 1, mention_count_root: 1, urgent_mention_count: 1, msg_count_root: 2 });

    const teams = await th.client2.getMyTeamUnreads();
    expect(teams).toEqual([
      { team_id: team.id, msg_count: 3, mention_count: 1, mention_count_root: 1, msg_count_root: 2, thread_count: 0, thread_mention_count: 0, thread_urgent_mention_count: 0 },
    ]);
    const one = await rawRequest(th.url, 'GET', `/api/v4/users/me/teams/${team.id}/unread`, { token: th.client2.getToken() });
    expect(one.json).toMatchObject({ team_id: team.id, msg_count: 3, mention_count: 1 });
    const excluded = await rawRequest(th.url, 'GET', `/api/v4/users/me/teams/unread?exclude_team=${team.id}`, { token: th.client2.getToken() });
    expect(excluded.json).toEqual([]);

    const viewed = await th.client2.viewMyChannel(channel.id);
    expect(viewed).toEqual({ status: 'OK', last_viewed_at_times: { [channel.id]: 10_002 } });
    expect(await th.client2.getMyChannelMember(channel.id)).toMatchObject({ msg_count: 3, msg_count_root: 2, mention_count: 0, mention_count_root: 0, urgent_mention_count: 0, last_viewed_at: 10_002 });
    expect((await th.client2.getMyTeamUnreads())[0]).toMatchObject({ msg_count: 0, mention_count: 0 });
  });

  it('leaves the messages of muted channels out of the counts, but not their mentions', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client2.addToChannel(th.basicUser2.id, channel.id);
    await th.client2.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser2.id, mark_unread: 'mention' });
    await th.client2.viewMyChannel(channel.id);
    const before = (await th.client2.getMyTeamUnreads())[0];
    await post(channel.id, { root: true, at: 20_000, mentions: [th.basicUser2.id] });
    await post(channel.id, { root: true, at: 20_001 });
    const after = (await th.client2.getMyTeamUnreads())[0];
    expect(after?.msg_count).toBe(before?.msg_count);
    expect(after?.mention_count).toBe((before?.mention_count ?? 0) + 1);
    const unread = await rawRequest(th.url, 'GET', `/api/v4/users/me/channels/${channel.id}/unread`, { token: th.client2.getToken() });
    expect(unread.json).toMatchObject({ msg_count: 0, msg_count_root: 0, mention_count: 1 });
  });

  it('marks the previous channel read too, and ignores channels the user is not in', async () => {
    const first = await createChannel(th.client, team.id);
    const second = await createChannel(th.client, team.id);
    const elsewhere = await createChannel(th.client2, team.id);
    await post(first.id, { root: true, at: 30_000 });
    await post(second.id, { root: true, at: 30_001 });
    await post(elsewhere.id, { root: true, at: 30_002 });
    const response = await rawRequest(th.url, 'POST', '/api/v4/channels/members/me/view', {
      token: th.client.getToken(),
      body: { channel_id: first.id, prev_channel_id: second.id },
    });
    expect(response.json).toEqual({ status: 'OK', last_viewed_at_times: { [first.id]: 30_000, [second.id]: 30_001 } });
    expect(await th.client.viewMyChannel(elsewhere.id)).toEqual({ status: 'OK', last_viewed_at_times: {} });
    const blank = await rawRequest(th.url, 'POST', '/api/v4/channels/members/me/view', { token: th.client.getToken(), body: { channel_id: '' } });
    expect(blank.json).toEqual({ status: 'OK', last_viewed_at_times: {} });
  });

  it('refuses malformed views, other users\u2019 views and unreads, and unknown memberships', async () => {
    const channel = await createChannel(th.client, team.id);
    const bad = await rawRequest(th.url, 'POST', '/api/v4/channels/members/me/view', { token: th.client.getToken(), body: { channel_id: 'nope' } });
    expectErrorBody(bad, 400, 'api.context.invalid_body_param.app_error');
    const other = await rawRequest(th.url, 'POST', `/api/v4/channels/members/${th.basicUser.id}/view`, { token: th.client2.getToken(), body: { channel_id: channel.id } });
    expectErrorBody(other, 403, 'api.context.permissions.app_error');
    const othersUnread = await rawRequest(th.url, 'GET', `/api/v4/users/${th.basicUser.id}/channels/${channel.id}/unread`, { token: th.client2.getToken() });
    expectErrorBody(othersUnread, 403, 'api.context.permissions.app_error');
    const notMember = await rawRequest(th.url, 'GET', `/api/v4/users/me/channels/${channel.id}/unread`, { token: th.adminClient.getToken() });
    expectErrorBody(notMember, 404, 'app.channel.get_unread.app_error');
    const othersTeams = await rawRequest(th.url, 'GET', `/api/v4/users/${th.basicUser.id}/teams/unread`, { token: th.client2.getToken() });
    expectErrorBody(othersTeams, 403, 'api.context.permissions.app_error');
    const asAdmin = await rawRequest(th.url, 'GET', `/api/v4/users/${th.basicUser.id}/teams/${team.id}/unread`, { token: th.adminClient.getToken() });
    expect(asAdmin.json).toMatchObject({ team_id: team.id });
  });
});
