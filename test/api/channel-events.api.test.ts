import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/domain-events.js';
import { Store } from '../../src/store/store.js';
import { createChannel } from '../helpers/channels.js';
import { expectAppError } from '../helpers/errors.js';
import { TestHelper } from '../helpers/test-helper.js';

describe('channel events', () => {
  let th: TestHelper;
  let team: Team;
  let events: DomainEvent[] = [];

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    team = await th.createBasicTeam();
    th.server.app.services.bus.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await th.tearDown();
  });
  beforeEach(() => {
    events = [];
  });

  const types = () => events.map((e) => e.type);
  const find = (type: DomainEvent['type']) => events.find((e) => e.type === type);

  it('announces a channel\u2019s life, with the actor and what changed', async () => {
    const channel = await createChannel(th.client, team.id, { header: 'before' });
    expect(types()).toEqual(['channel.created', 'channel_member.added']);
    expect(find('channel.created')).toMatchObject({ payload: { channel: { id: channel.id }, actorId: th.basicUser.id } });
    expect(find('channel_member.added')).toMatchObject({ payload: { member: { user_id: th.basicUser.id, scheme_admin: true }, actorId: th.basicUser.id } });

    events = [];
    await th.client.patchChannel(channel.id, { header: 'after', display_name: 'Renamed' });
    expect(find('channel.updated')).toMatchObject({
      payload: { old: { header: 'before', display_name: channel.display_name }, channel: { header: 'after', display_name: 'Renamed' }, actorId: th.basicUser.id },
    });

    events = [];
    await th.adminClient.updateChannelPrivacy(channel.id, 'P');
    await th.client.deleteChannel(channel.id);
    await th.adminClient.unarchiveChannel(channel.id);
    expect(types()).toEqual(['channel.converted', 'channel.deleted', 'channel.restored']);
    expect(find('channel.converted')).toMatchObject({ payload: { old: { type: 'O' }, channel: { type: 'P' }, actorId: th.systemAdminUser.id } });
    expect(find('channel.deleted')).toMatchObject({ payload: { permanent: false, actorId: th.basicUser.id } });
  });

  it('announces members joining, being added, changing and leaving', async () => {
    const channel = await createChannel(th.client, team.id);
    events = [];
    await th.client2.addToChannel(th.basicUser2.id, channel.id);
    await th.client.updateChannelMemberSchemeRoles(channel.id, th.basicUser2.id, true, true);
    await th.client2.updateChannelNotifyProps({ channel_id: channel.id, user_id: th.basicUser2.id, desktop: 'all' });
    await th.client.removeFromChannel(th.basicUser2.id, channel.id);
    expect(types()).toEqual(['channel_member.added', 'channel_member.updated', 'channel_member.notify_props_changed', 'channel_member.removed']);
    expect(find('channel_member.added')).toMatchObject({ payload: { member: { user_id: th.basicUser2.id }, actorId: th.basicUser2.id } });
    expect(find('channel_member.updated')).toMatchObject({ payload: { member: { scheme_admin: true, roles: 'channel_user channel_admin' } } });
    expect(find('channel_member.notify_props_changed')).toMatchObject({ payload: { member: { notify_props: { desktop: 'all' } } } });
    expect(find('channel_member.removed')).toMatchObject({ payload: { userId: th.basicUser2.id, actorId: th.basicUser.id, channel: { id: channel.id } } });
  });

  it('announces reads only when something was unread', async () => {
    const channel = await createChannel(th.client, team.id);
    const store = new Store(th.server.app.database.db, th.server.app.database.dialect);
    await th.client.viewMyChannel(channel.id);
    expect(types()).not.toContain('channel.viewed');
    await store.channels.incrementPostCounts(channel.id, { isRoot: true, createAt: 50_000 });
    await th.client.viewMyChannel(channel.id);
    expect(find('channel.viewed')).toMatchObject({ payload: { userId: th.basicUser.id, times: { [channel.id]: 50_000 } } });
  });

  it('announces new direct and group messages once', async () => {
    const dm = await th.client.createDirectChannel([th.basicUser.id, th.basicUser2.id]);
    expect(find('direct_channel.created')).toMatchObject({ payload: { channel: { id: dm.id }, creatorId: th.basicUser.id, teammateId: th.basicUser2.id } });
    events = [];
    await th.client2.createDirectChannel([th.basicUser2.id, th.basicUser.id]);
    expect(types()).toEqual([]);
    const { user: third } = await th.createUser();
    events = [];
    const group = await th.client.createGroupChannel([th.basicUser2.id, third.id]);
    expect(find('group_channel.created')).toMatchObject({ payload: { channel: { id: group.id }, creatorId: th.basicUser.id } });
    expect((find('group_channel.created')?.payload as { userIds: string[] }).userIds.sort()).toEqual([th.basicUser.id, th.basicUser2.id, third.id].sort());
  });

  it('announces sidebar changes', async () => {
    const me = th.basicUser.id;
    await th.client.getChannelCategories(me, team.id);
    events = [];
    const custom = await th.client.createChannelCategory(me, team.id, { user_id: me, team_id: team.id, display_name: 'Evented' });
    await th.client.updateChannelCategory(me, team.id, { ...custom, display_name: 'Renamed' });
    const order = await th.client.getChannelCategoryOrder(me, team.id);
    await th.client.updateChannelCategoryOrder(me, team.id, order);
    await th.client.deleteChannelCategory(me, team.id, custom.id);
    expect(types()).toEqual(['sidebar_category.created', 'sidebar_category.updated', 'sidebar_category.order_updated', 'sidebar_category.deleted']);
    expect(find('sidebar_category.updated')).toMatchObject({ payload: { userId: me, teamId: team.id, categories: [{ display_name: 'Renamed' }] } });
  });

  it('announces nothing for a change that fails', async () => {
    const channel = await createChannel(th.client, team.id);
    events = [];
    await expectAppError(createChannel(th.client, team.id, { name: channel.name }), 400, 'store.sql_channel.save_channel.exists.app_error');
    expect(types()).toEqual([]);
  });
});
