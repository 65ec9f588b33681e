import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../helpers/channels.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('sidebar categories', () => {
  let th: TestHelper;
  let team: Team;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const byType = (categories: ChannelCategory[], type: string) => categories.find((c) => c.type === type);

  it('starts with Favorites, Channels and Direct Messages, filled as Mattermost fills them', async () => {
    const me = th.basicUser.id;
    const dm = await th.client.createDirectChannel([me, th.basicUser2.id]);
    const { categories, order } = await th.client.getChannelCategories(me, team.id);
    expect(order).toEqual([`favorites_${me}_${team.id}`, `channels_${me}_${team.id}`, `direct_messages_${me}_${team.id}`]);
    expect(categories.map((c) => [c.type, c.display_name, c.sorting, (c as ChannelCategory & { sort_order: number }).sort_order])).toEqual([
      ['favorites', 'Favorites', '', 0],
      ['channels', 'Channels', '', 10],
      ['direct_messages', 'Direct Messages', 'recent', 20],
    ]);
    const townSquare = await th.client.getChannelByName(team.id, 'town-square');
    const offTopic = await th.client.getChannelByName(team.id, 'off-topic');
    expect(byType(categories, 'channels')?.channel_ids).toEqual(expect.arrayContaining([townSquare.id, offTopic.id]));
    expect(byType(categories, 'direct_messages')?.channel_ids).toContain(dm.id);
    expect(byType(categories, 'favorites')?.channel_ids).toEqual([]);
    expect(await th.client.getChannelCategoryOrder(me, team.id)).toEqual(order);
  });

  it('creates a custom category after Favorites, taking its channels from the others', async () => {
    const me = th.basicUser.id;
    const channel = await createChannel(th.client, team.id);
    const created = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Work', channel_ids: [channel.id, 'x'.repeat(26)] });
    expect(created).toMatchObject({ type: 'custom', display_name: 'Work', sort_order: 10, channel_ids: [channel.id], muted: false, collapsed: false });
    const { categories, order } = await th.client.getChannelCategories(me, team.id);
    expect(order[1]).toBe(created.id);
    expect(byType(categories, 'channels')?.channel_ids).not.toContain(channel.id);
    expect(await th.client.getChannelCategory(me, team.id, created.id)).toMatchObject({ id: created.id, channel_ids: [channel.id] });
  });

  it('moves channels between categories, renames custom ones and keeps default names', async () => {
    const me = th.basicUser.id;
    const channel = await createChannel(th.client, team.id);
    const { categories } = await th.client.getChannelCategories(me, team.id);
    const favorites = byType(categories, 'favorites') as ChannelCategory;
    const channels = byType(categories, 'channels') as ChannelCategory;
    const updated = await th.client.updateChannelCategories(me, team.id, [
      { ...favorites, display_name: 'Renamed?', channel_ids: [channel.id] },
      { ...channels, channel_ids: channels.channel_ids.filter((id) => id !== channel.id) },
    ]);
    expect(updated[0]).toMatchObject({ display_name: 'Favorites', channel_ids: [channel.id] });
    expect(updated[1]?.channel_ids).not.toContain(channel.id);
    const custom = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Later' });
    await expect(th.client.updateChannelCategory(me, team.id, { ...custom, display_name: 'Sooner', sorting: 'alpha' as ChannelCategory['sorting'] })).resolves.toMatchObject({ display_name: 'Sooner', sorting: 'alpha' });
  });

  it('mutes the channels of a muted category', async () => {
    const me = th.basicUser.id;
    const channel = await createChannel(th.client, team.id);
    const custom = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Quiet', channel_ids: [channel.id] });
    await th.client.updateChannelCategory(me, team.id, { ...custom, muted: true });
    expect((await th.client.getMyChannelMember(channel.id)).notify_props.mark_unread).toBe('mention');
    await th.client.updateChannelCategory(me, team.id, { ...custom, muted: false });
    expect((await th.client.getMyChannelMember(channel.id)).notify_props.mark_unread).toBe('all');
  });

  it('reorders categories, but only all of them', async () => {
    const me = th.basicUser.id;
    const order = await th.client.getChannelCategoryOrder(me, team.id);
    const reversed = [...order].reverse();
    await expect(th.client.updateChannelCategoryOrder(me, team.id, reversed)).resolves.toEqual(reversed);
    expect(await th.client.getChannelCategoryOrder(me, team.id)).toEqual(reversed);
    await expectAppError(th.client.updateChannelCategoryOrder(me, team.id, reversed.slice(1)), 400, 'app.channel.sidebar_categories.app_error');
    await expectAppError(th.client.updateChannelCategoryOrder(me, team.id, [...reversed.slice(1), 'y'.repeat(26)]), 400, 'api.context.invalid_body_param.app_error');
  });

  it('deletes custom categories only, their channels going back to Channels', async () => {
    const me = th.basicUser.id;
    const channel = await createChannel(th.client, team.id);
    const custom = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Temp', channel_ids: [channel.id] });
    await th.client.deleteChannelCategory(me, team.id, custom.id);
    const { categories } = await th.client.getChannelCategories(me, team.id);
    expect(byType(categories, 'channels')?.channel_ids).toContain(channel.id);
    await expectAppError(th.client.deleteChannelCategory(me, team.id, `favorites_${me}_${team.id}`), 400, 'app.channel.sidebar_categories.app_error');
  });

  it('keeps each user\u2019s sidebar to themselves', async () => {
    const me = th.basicUser.id;
    const mine = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Mine' });
    await expectAppError(th.client2.getChannelCategories(me, team.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client2.getChannelCategory(th.basicUser2.id, team.id, mine.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client2.deleteChannelCategory(th.basicUser2.id, team.id, mine.id), 403, 'api.context.permissions.app_error');
    await expect(th.adminClient.getChannelCategories(me, team.id)).resolves.toMatchObject({ order: expect.arrayContaining([mine.id]) });
    await expectAppError(th.adminClient.getChannelCategory(me, team.id, 'z'.repeat(26)), 404, 'app.channel.sidebar_categories.app_error');
    const mismatch = await rawRequest(th.url, 'POST', `/api/v4/users/me/teams/${team.id}/channels/categories`, {
      token: th.client.getToken(),
      body: { user_id: th.basicUser2.id, team_id: team.id, display_name: 'X' },
    });
    expectErrorBody(mismatch, 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'GET', `/api/v4/users/me/teams/${team.id}/channels/categories/bad-id!`, { token: th.client.getToken() }), 400, 'api.context.invalid_url_param.app_error');
  });

  it('is empty in a team the user is not in, and forgotten when they leave it', async () => {
    const other = await th.createTeam();
    expect(await th.client.getChannelCategories(th.basicUser.id, other.id)).toEqual({ categories: [], order: [] });
    await th.adminClient.addToTeam(other.id, th.basicUser.id);
    const custom = await th.client.createChannelCategory(th.basicUser.id, other.id, { user_id: th.basicUser.id, team_id: other.id, display_name: 'Gone soon' });
    await th.client.removeFromTeam(other.id, th.basicUser.id);
    await th.adminClient.addToTeam(other.id, th.basicUser.id);
    expect((await th.client.getChannelCategories(th.basicUser.id, other.id)).order).not.toContain(custom.id);
  });
});
