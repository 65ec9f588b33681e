import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/model/ids.js';
import type { BroadcastMembership, ChannelAccess } from '../../src/services/common/membership.js';
import { TestHelper } from '../helpers/test-helper.js';
import { connectedSocket, drain, type TestSocket } from '../helpers/websocket.js';

/** A channel with two members, standing in for the channels area. */
const channelId = newId();
const members = new Set<string>();
const membership: BroadcastMembership & ChannelAccess = {
  channelMemberIds: async (id) => (id === channelId ? members : new Set()),
  teamMemberIds: async () => new Set(),
  isChannelMember: async (userId, id) => id === channelId && members.has(userId),
  canSeeUser: async (viewer, other) => viewer === other,
  hasChannelPermission: async (ctx, id) => id === channelId && members.has(ctx.session?.user_id ?? ''),
};

describe('websocket events', () => {
  let th: TestHelper;
  let admin: TestSocket;
  let basic: TestSocket;
  let basic2: TestSocket;

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { membership })).initBasic();
    members.add(th.basicUser.id).add(th.basicUser2.id);
    admin = await connectedSocket(th, th.adminClient.getToken());
    basic = await connectedSocket(th, th.client.getToken());
    basic2 = await connectedSocket(th, th.client2.getToken());
  });
  afterAll(async () => {
    await Promise.all([admin.close(), basic.close(), basic2.close()]);
    await th.tearDown();
  });
  beforeEach(async () => {
    // Each test starts from a quiet line: what came before has been delivered.
    await drain(th, [admin, basic, basic2]);
  });

  /** The events of `name` a socket got since `from` messages. */
  const since = (socket: TestSocket, from: number, name: string) => socket.messages.slice(from).filter((m) => m.event === name);
  const marks = () => [admin.messages.length, basic.messages.length, basic2.messages.length] as const;

  it('sends new_user with the id only, to everyone', async () => {
    const [a, b, c] = marks();
    const { user } = await th.createUser();
    await drain(th, [admin, basic, basic2]);
    for (const [socket, from] of [[admin, a], [basic, b], [basic2, c]] as const) {
      const events = since(socket, from, 'new_user');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ data: { user_id: user.id }, broadcast: { user_id: '', channel_id: '', team_id: '', omit_users: null } });
    }
  });

  it('sends user_updated sanitised per receiver: full to the user, email to admins, privacy to others', async () => {
    th.updateConfig((c) => {
      c.PrivacySettings.ShowEmailAddress = false;
      c.PrivacySettings.ShowFullName = false;
    });
    try {
      await drain(th, [admin, basic, basic2]);
      const [a, b, c] = marks();
      await th.client.patchMe({ nickname: 'changed', first_name: 'Ann' });
      await drain(th, [admin, basic, basic2]);

      const [own] = since(basic, b, 'user_updated');
      expect(since(basic, b, 'user_updated')).toHaveLength(1);
      expect(own?.broadcast).toMatchObject({ user_id: th.basicUser.id });
      expect(own?.data.user).toMatchObject({ id: th.basicUser.id, nickname: 'changed', email: th.basicUser.email, first_name: 'Ann' });
      expect(own?.data.user.notify_props).toBeDefined();

      const [forAdmin] = since(admin, a, 'user_updated');
      expect(since(admin, a, 'user_updated')).toHaveLength(1);
      expect(forAdmin?.broadcast).toMatchObject({ contains_sensitive_data: true, omit_users: { [th.basicUser.id]: true } });
      expect(forAdmin?.data.user).toMatchObject({ email: th.basicUser.email, first_name: 'Ann' });
      expect(forAdmin?.data.user).not.toHaveProperty('notify_props');

      const [forOthers] = since(basic2, c, 'user_updated');
      expect(since(basic2, c, 'user_updated')).toHaveLength(1);
      expect(forOthers?.broadcast).toMatchObject({ contains_sanitized_data: true });
      expect(forOthers?.data.user).toMatchObject({ id: th.basicUser.id, nickname: 'changed', email: '', first_name: '', auth_service: '' });

      for (const message of [own, forAdmin, forOthers]) {
        expect(message?.data.user).not.toHaveProperty('password');
        expect(message?.data.user).not.toHaveProperty('mfa_secret');
        expect(message?.data.user.auth_data).toBe('');
      }
    } finally {
      th.updateConfig((c) => {
        c.PrivacySettings.ShowEmailAddress = true;
        c.PrivacySettings.ShowFullName = true;
      });
    }
  });

  it('tells a guest about other users only when it can see them (shares a channel or team)', async () => {
    const { user } = await th.createUser();
    await th.adminClient.updateUserRoles(user.id, 'system_guest');
    const guestClient = await th.login(user.username);
    const guest = await connectedSocket(th, guestClient.getToken());
    const from = guest.messages.length;
    await th.client.patchMe({ nickname: 'unseen-by-guest' });
    await th.createUser();
    await guestClient.patchMe({ nickname: 'guest-self' });
    await drain(th, [admin, basic, basic2, guest]);
    expect(since(guest, from, 'user_updated').map((m) => m.data.user.id)).toEqual([user.id]);
    expect(since(guest, from, 'new_user')).toEqual([]);
    await guest.close();
  });

  it('sends user_role_updated to the user only', async () => {
    const [a, b, c] = marks();
    await th.adminClient.updateUserRoles(th.basicUser2.id, 'system_user system_user_manager');
    await drain(th, [admin, basic, basic2]);
    expect(since(basic2, c, 'user_role_updated')).toEqual([
      expect.objectContaining({ data: { user_id: th.basicUser2.id, roles: 'system_user system_user_manager' }, broadcast: expect.objectContaining({ user_id: th.basicUser2.id }) }),
    ]);
    expect(since(basic, b, 'user_role_updated')).toEqual([]);
    expect(since(admin, a, 'user_role_updated')).toEqual([]);
    await th.adminClient.updateUserRoles(th.basicUser2.id, 'system_user');
  });

  it('announces a deactivation as user_updated to the others', async () => {
    const { user } = await th.createUser();
    await drain(th, [admin, basic, basic2]);
    const [a, b] = marks();
    await th.adminClient.updateUserActive(user.id, false);
    await drain(th, [admin, basic, basic2]);
    expect(since(basic, b, 'user_updated').map((m) => [m.data.user.id, m.data.user.delete_at > 0])).toEqual([[user.id, true]]);
    expect(since(admin, a, 'user_updated').map((m) => m.data.user.id)).toEqual([user.id]);
  });

  it('sends role_updated with the role as a JSON string, to everyone', async () => {
    const [a, b, c] = marks();
    const role = await th.adminClient.getRoleByName('system_user');
    const extra = role.permissions.includes('manage_oauth') ? role.permissions.filter((p) => p !== 'manage_oauth') : [...role.permissions, 'manage_oauth'];
    await th.adminClient.patchRole(role.id, { permissions: extra });
    await drain(th, [admin, basic, basic2]);
    for (const [socket, from] of [[admin, a], [basic, b], [basic2, c]] as const) {
      const [message] = since(socket, from, 'role_updated');
      expect(JSON.parse(message?.data.role as string)).toMatchObject({ name: 'system_user', permissions: expect.arrayContaining(['create_team']) });
    }
    await th.adminClient.patchRole(role.id, { permissions: role.permissions });
  });

  it('sends config_changed with the client config, to everyone', async () => {
    const [a, b, c] = marks();
    th.updateConfig((config) => {
      config.TeamSettings.SiteName = 'Renamed';
    });
    await drain(th, [admin, basic, basic2]);
    for (const [socket, from] of [[admin, a], [basic, b], [basic2, c]] as const) {
      const events = since(socket, from, 'config_changed');
      expect(events).toHaveLength(1);
      expect(events[0]?.data.config).toMatchObject({ SiteName: 'Renamed', EnableCustomUserStatuses: 'true' });
    }
  });

  it('sends status_change to the user only', async () => {
    const [a, b, c] = marks();
    await th.client.updateStatus({ user_id: th.basicUser.id, status: 'dnd' });
    await drain(th, [admin, basic, basic2]);
    expect(since(basic, b, 'status_change').map((m) => m.data)).toEqual([{ status: 'dnd', user_id: th.basicUser.id }]);
    expect(since(basic2, c, 'status_change')).toEqual([]);
    expect(since(admin, a, 'status_change')).toEqual([]);
    await th.client.updateStatus({ user_id: th.basicUser.id, status: 'online' });
  });

  it('sends typing to the other channel members, with the thread', async () => {
    const [a, b, c] = marks();
    const parentId = newId();
    expect(await basic.request('user_typing', { channel_id: channelId, parent_id: parentId })).toMatchObject({ status: 'OK' });
    await drain(th, [admin, basic, basic2]);
    expect(since(basic2, c, 'typing')).toEqual([
      expect.objectContaining({ data: { parent_id: parentId, user_id: th.basicUser.id }, broadcast: expect.objectContaining({ channel_id: channelId, omit_users: { [th.basicUser.id]: true } }) }),
    ]);
    expect(since(basic, b, 'typing')).toEqual([]);
    expect(since(admin, a, 'typing')).toEqual([]);
  });

  it('refuses typing in a channel the user cannot post in, as an invalid channel_id', async () => {
    const unknown = await basic.request('user_typing', { channel_id: newId() });
    expect(unknown).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error', status_code: 400 } });
    const notMember = await admin.request('user_typing', { channel_id: channelId });
    expect(notMember).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error' } });
    expect((await basic.request('user_typing', { channel_id: 'bad' })).error?.id).toBe('api.websocket_handler.invalid_param.app_error');
  });
});
