import type { Client4 } from '@mattermost/client';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createChannel } from '../helpers/channels.js';
import { TestHelper } from '../helpers/test-helper.js';
import { collectEvents, connectedSocket, EventWatchers } from '../helpers/websocket.js';

describe('channel websocket events', () => {
  let th: TestHelper;
  let team: Team;
  let outsider: { user: UserProfile; client: Client4 };
  let ws: EventWatchers;
  const collect = (action: () => Promise<unknown>) => ws.collect(action);

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    const { user } = await th.createUser();
    outsider = { user, client: await th.login(user.username) };
    ws = await EventWatchers.connect(th, outsider.client.getToken());
  });
  afterAll(async () => {
    await ws.close();
    await th.tearDown();
  });

  /** A private channel of basic's with basic2 in it (the admin, in the team, is not). */
  async function privateChannelWithBoth() {
    const channel = await createChannel(th.client, team.id, { type: 'P' });
    await th.client.addToChannel(th.basicUser2.id, channel.id);
    return channel;
  }

  it('tells the creator channel_created, and announces members with user_added to the channel and to the user', async () => {
    let channelId = '';
    const created = await collect(async () => {
      channelId = (await createChannel(th.client, team.id, { type: 'P' })).id;
    });
    expect(created(ws.basic, 'channel_created')).toEqual([
      expect.objectContaining({ data: { channel_id: channelId, team_id: team.id }, broadcast: expect.objectContaining({ user_id: th.basicUser.id }) }),
    ]);
    for (const socket of [ws.admin, ws.basic2, ws.other]) expect(created(socket, 'channel_created')).toEqual([]);

    const added = await collect(() => th.client.addToChannel(th.basicUser2.id, channelId));
    const data = { user_id: th.basicUser2.id, team_id: team.id };
    expect(added(ws.basic, 'user_added')).toEqual([
      expect.objectContaining({ data, broadcast: expect.objectContaining({ channel_id: channelId, omit_users: { [th.basicUser2.id]: true } }) }),
    ]);
    expect(added(ws.basic2, 'user_added')).toEqual([
      expect.objectContaining({ data, broadcast: expect.objectContaining({ channel_id: channelId, user_id: th.basicUser2.id }) }),
    ]);
    expect(added(ws.admin, 'user_added')).toEqual([]);
    expect(added(ws.other, 'user_added')).toEqual([]);
  });

  it("sends channel_updated with the channel as a JSON string to a private channel's members only", async () => {
    const channel = await privateChannelWithBoth();
    const got = await collect(() => th.client.patchChannel(channel.id, { header: 'new header' }));
    for (const socket of [ws.basic, ws.basic2]) {
      const [message] = got(socket, 'channel_updated');
      expect(got(socket, 'channel_updated')).toHaveLength(1);
      expect(message?.broadcast).toMatchObject({ channel_id: channel.id, team_id: '', user_id: '' });
      expect(JSON.parse(message?.data.channel as string)).toMatchObject({ id: channel.id, header: 'new header', type: 'P' });
    }
    expect(got(ws.admin, 'channel_updated')).toEqual([]);
    expect(got(ws.other, 'channel_updated')).toEqual([]);
  });

  it('sends typing to the channel members only and refuses it where one may not post', async () => {
    const channel = await privateChannelWithBoth();
    const got = await collect(async () => {
      expect(await ws.basic.request('user_typing', { channel_id: channel.id })).toMatchObject({ status: 'OK' });
    });
    expect(got(ws.basic2, 'typing')).toEqual([expect.objectContaining({ data: { parent_id: '', user_id: th.basicUser.id } })]);
    for (const socket of [ws.basic, ws.admin, ws.other]) expect(got(socket, 'typing')).toEqual([]);

    const refused = await ws.other.request('user_typing', { channel_id: channel.id });
    expect(refused).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error', status_code: 400 } });

    const readOnly = await createChannel(th.adminClient, team.id);
    await th.client.addToChannel(th.basicUser.id, readOnly.id);
    const scheme = await th.adminClient.createScheme({ display_name: 'read only', scope: 'channel', description: '' });
    await th.adminClient.updateChannelScheme(readOnly.id, scheme.id);
    const role = await th.adminClient.getRoleByName(scheme.default_channel_user_role);
    await th.adminClient.patchRole(role.id, { permissions: role.permissions.filter((p) => p !== 'create_post') });
    expect(await ws.basic.request('user_typing', { channel_id: readOnly.id })).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error' } });
  });

  it('stops sending a channel to a removed member at once, and tells both sides with user_removed', async () => {
    const channel = await privateChannelWithBoth();
    const removed = await collect(() => th.client.removeFromChannel(th.basicUser2.id, channel.id));
    expect(removed(ws.basic, 'user_removed')).toEqual([
      expect.objectContaining({ data: { user_id: th.basicUser2.id, remover_id: th.basicUser.id }, broadcast: expect.objectContaining({ channel_id: channel.id }) }),
    ]);
    expect(removed(ws.basic2, 'user_removed')).toEqual([
      expect.objectContaining({ data: { channel_id: channel.id, remover_id: th.basicUser.id }, broadcast: expect.objectContaining({ user_id: th.basicUser2.id }) }),
    ]);
    expect(removed(ws.admin, 'user_removed')).toEqual([]);

    const after = await collect(async () => {
      await ws.basic.request('user_typing', { channel_id: channel.id });
      await th.client.patchChannel(channel.id, { purpose: 'after removal' });
    });
    expect(after(ws.basic2, 'typing')).toEqual([]);
    expect(after(ws.basic2, 'channel_updated')).toEqual([]);
    expect(after(ws.basic, 'channel_updated')).toHaveLength(1);
    expect(await ws.basic2.request('user_typing', { channel_id: channel.id })).toMatchObject({ status: 'FAIL' });

    const rejoined = await collect(() => th.client.addToChannel(th.basicUser2.id, channel.id).then(() => th.client.patchChannel(channel.id, { purpose: 'back' })));
    expect(rejoined(ws.basic2, 'channel_updated')).toHaveLength(1);
  });

  it('announces a conversion to the team and the new channel to its members', async () => {
    const channel = await createChannel(th.client, team.id);
    await th.client.addToChannel(th.basicUser2.id, channel.id);
    const got = await collect(() => th.adminClient.updateChannelPrivacy(channel.id, 'P'));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) {
      expect(got(socket, 'channel_converted')).toEqual([expect.objectContaining({ data: { channel_id: channel.id }, broadcast: expect.objectContaining({ team_id: team.id }) })]);
    }
    expect(got(ws.other, 'channel_converted')).toEqual([]);
    expect(got(ws.basic2, 'channel_updated').map((m) => JSON.parse(m.data.channel as string).type)).toEqual(['P']);
    expect(got(ws.admin, 'channel_updated')).toEqual([]);
  });

  it('announces archiving and restoring a private channel to its members, a public one to the team', async () => {
    const secret = await privateChannelWithBoth();
    const archived = await collect(() => th.client.deleteChannel(secret.id));
    for (const socket of [ws.basic, ws.basic2]) {
      const [message] = archived(socket, 'channel_deleted');
      expect(message?.data).toEqual({ channel_id: secret.id, delete_at: expect.any(Number) });
      expect(message?.data.delete_at).toBeGreaterThan(0);
    }
    expect(archived(ws.admin, 'channel_deleted')).toEqual([]);
    const restored = await collect(() => th.adminClient.unarchiveChannel(secret.id));
    expect(restored(ws.basic2, 'channel_restored')).toEqual([expect.objectContaining({ data: { channel_id: secret.id }, broadcast: expect.objectContaining({ channel_id: secret.id }) })]);
    expect(restored(ws.admin, 'channel_restored')).toEqual([]);

    const open = await createChannel(th.client, team.id);
    const archivedOpen = await collect(() => th.client.deleteChannel(open.id));
    for (const socket of [ws.admin, ws.basic, ws.basic2]) {
      expect(archivedOpen(socket, 'channel_deleted')).toEqual([expect.objectContaining({ broadcast: expect.objectContaining({ team_id: team.id }) })]);
    }
    expect(archivedOpen(ws.other, 'channel_deleted')).toEqual([]);
  });

  it('sends channel_member_updated (membership as a JSON string) and multiple_channels_viewed to the member only', async () => {
    const channel = await privateChannelWithBoth();
    const roles = await collect(() => th.client.updateChannelMemberSchemeRoles(channel.id, th.basicUser2.id, true, true));
    const [updated] = roles(ws.basic2, 'channel_member_updated');
    expect(JSON.parse(updated?.data.channelMember as string)).toMatchObject({ channel_id: channel.id, user_id: th.basicUser2.id, scheme_admin: true });
    expect(updated?.broadcast).toMatchObject({ user_id: th.basicUser2.id });
    expect(roles(ws.basic, 'channel_member_updated')).toEqual([]);

    const props = await collect(() => th.client2.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser2.id, mark_unread: 'mention' }));
    expect(props(ws.basic2, 'channel_member_updated').map((m) => JSON.parse(m.data.channelMember as string).notify_props.mark_unread)).toEqual(['mention']);

    // What a post will do: the channel has something unread.
    const store = new Store(th.server.app.database.db, th.server.app.database.dialect);
    await store.channels.incrementPostCounts(channel.id, { isRoot: true, createAt: 70_000 });
    const viewed = await collect(() => th.client2.viewMyChannel(channel.id));
    expect(viewed(ws.basic2, 'multiple_channels_viewed')).toEqual([
      expect.objectContaining({ data: { channel_times: { [channel.id]: 70_000 } }, broadcast: expect.objectContaining({ user_id: th.basicUser2.id }) }),
    ]);
    expect(viewed(ws.basic, 'multiple_channels_viewed')).toEqual([]);
  });

  it('sends direct_added to both people of a new direct message and group_added to each of a group message', async () => {
    let dmId = '';
    const direct = await collect(async () => {
      dmId = (await th.client.createDirectChannel([th.basicUser.id, th.basicUser2.id])).id;
    });
    for (const socket of [ws.basic, ws.basic2]) {
      expect(direct(socket, 'direct_added')).toEqual([
        expect.objectContaining({ data: { creator_id: th.basicUser.id, teammate_id: th.basicUser2.id }, broadcast: expect.objectContaining({ channel_id: dmId }) }),
      ]);
      expect(direct(socket, 'user_added')).toEqual([]);
    }
    expect(direct(ws.admin, 'direct_added')).toEqual([]);

    let gmId = '';
    const group = await collect(async () => {
      gmId = (await th.client.createGroupChannel([th.basicUser2.id, outsider.user.id])).id;
    });
    for (const [socket, userId] of [[ws.basic, th.basicUser.id], [ws.basic2, th.basicUser2.id], [ws.other, outsider.user.id]] as const) {
      const [message] = group(socket, 'group_added');
      expect(group(socket, 'group_added')).toHaveLength(1);
      expect(message?.broadcast).toMatchObject({ channel_id: gmId, user_id: userId });
      expect(new Set(JSON.parse(message?.data.teammate_ids as string) as string[])).toEqual(new Set([th.basicUser.id, th.basicUser2.id, outsider.user.id]));
    }
    expect(group(ws.admin, 'group_added')).toEqual([]);
  });

  it('sends the sidebar category events to their user, naming the team', async () => {
    const me = th.basicUser.id;
    let categoryId = '';
    const created = await collect(async () => {
      categoryId = (await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, type: 'custom', display_name: 'Mine', channel_ids: [] })).id;
    });
    expect(created(ws.basic, 'sidebar_category_created')).toEqual([
      expect.objectContaining({ data: { category_id: categoryId }, broadcast: expect.objectContaining({ user_id: me, team_id: team.id }) }),
    ]);
    expect(created(ws.basic2, 'sidebar_category_created')).toEqual([]);

    const category = await th.client.getChannelCategory(me, team.id, categoryId);
    const updated = await collect(() => th.client.updateChannelCategories(me, team.id, [{ ...category, display_name: 'Renamed' }]));
    const [message] = updated(ws.basic, 'sidebar_category_updated');
    expect(JSON.parse(message?.data.updatedCategories as string)).toEqual([expect.objectContaining({ id: categoryId, display_name: 'Renamed' })]);

    const order = [...(await th.client.getChannelCategoryOrder(me, team.id))].reverse();
    const reordered = await collect(() => th.client.updateChannelCategoryOrder(me, team.id, order));
    expect(reordered(ws.basic, 'sidebar_category_order_updated').map((m) => m.data)).toEqual([{ order }]);

    const deleted = await collect(() => th.client.deleteChannelCategory(me, team.id, categoryId));
    expect(deleted(ws.basic, 'sidebar_category_deleted').map((m) => m.data)).toEqual([{ category_id: categoryId }]);
    expect(deleted(ws.basic2, 'sidebar_category_deleted')).toEqual([]);
  });

  it("gives a guest only its own channels' events and profiles of people it shares a channel or team with", async () => {
    const guest = await th.createGuest();
    await th.adminClient.addToTeam(team.id, guest.user.id);
    const shared = await createChannel(th.client, team.id, { type: 'P' });
    await th.client.addToChannel(guest.user.id, shared.id);
    const secret = await privateChannelWithBoth();
    const guestSocket = await connectedSocket(th, guest.client.getToken());
    try {
      const got = await collectEvents(th, [...ws.all, guestSocket], async () => {
        await th.client.patchChannel(secret.id, { header: 'not for guests' });
        await th.client.patchChannel(shared.id, { header: 'for the guest' });
        await ws.basic2.request('user_typing', { channel_id: secret.id });
        await outsider.client.patchMe({ nickname: 'stranger' });
        await th.client.patchMe({ nickname: 'teammate' });
      });
      expect(got(guestSocket, 'channel_updated').map((m) => JSON.parse(m.data.channel as string).id)).toEqual([shared.id]);
      expect(got(guestSocket, 'typing')).toEqual([]);
      expect(got(guestSocket, 'user_updated').map((m) => m.data.user.id)).toEqual([th.basicUser.id]);
      expect(await guestSocket.request('user_typing', { channel_id: secret.id })).toMatchObject({ status: 'FAIL' });
      expect(await guestSocket.request('user_typing', { channel_id: shared.id })).toMatchObject({ status: 'OK' });
    } finally {
      await guestSocket.close();
    }
  });
});
