import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Store } from '../../src/store/store.js';
import { ManualClock } from '../helpers/clock.js';
import { TestHelper } from '../helpers/test-helper.js';
import { connectedSocket, drain, type TestSocket } from '../helpers/websocket.js';

describe('statuses over the websocket', () => {
  let th: TestHelper;
  const clock = new ManualClock();
  const awayAfterMs = () => th.server.app.services.config.get().TeamSettings.UserStatusAwayTimeout * 1000;

  beforeAll(async () => {
    // Frequent pings, so the away check that Mattermost runs on every pong comes quickly.
    th = await (await TestHelper.setup(undefined, { clock, realtime: { pingIntervalMs: 25 } })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const openSockets = (userId: string) => th.server.app.realtime.hub.activeConnections().filter((c) => c.userId === userId).length;

  /** A fresh user with a logged-in client, so tests do not share statuses. */
  async function freshUser() {
    const { user } = await th.createUser();
    return { user, client: await th.login(user.username) };
  }

  it('makes a user online while a socket is open and offline after the last one closes', async () => {
    const { user, client } = await freshUser();
    expect((await client.getStatus(user.id)).status).toBe('offline');
    const first = await connectedSocket(th, client.getToken());
    const second = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'online', manual: false, last_activity_at: clock.now() });

    await first.close();
    await vi.waitFor(() => expect(openSockets(user.id)).toBe(1));
    await th.server.app.realtime.settled();
    expect((await client.getStatus(user.id)).status).toBe('online');

    second.cutOff();
    await vi.waitFor(() => expect(openSockets(user.id)).toBe(0));
    await th.server.app.realtime.settled();
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'offline', manual: false });
  });

  it('keeps a manual status when a socket connects', async () => {
    const { user, client } = await freshUser();
    await client.updateStatus({ user_id: user.id, status: 'dnd' });
    const socket = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'dnd', manual: true });
    await socket.close();
  });

  it('answers get_statuses and get_statuses_by_ids', async () => {
    const { user, client } = await freshUser();
    const socket = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    const all = await socket.request('get_statuses');
    expect(all.data).toMatchObject({ [user.id]: 'online' });
    expect(Object.values(all.data as Record<string, string>)).not.toContain('offline');
    const byIds = await socket.request('get_statuses_by_ids', { user_ids: [user.id, th.basicUser2.id, 7] });
    expect(byIds).toEqual({ status: 'OK', seq_reply: 2, data: { [user.id]: 'online', [th.basicUser2.id]: 'offline' } });
    await socket.close();
  });

  it('goes away on user_update_active_status only after the idle timeout, and back online on activity', async () => {
    const { user, client } = await freshUser();
    const socket = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    expect(await socket.request('user_update_active_status', {})).toMatchObject({ error: { id: 'api.websocket_handler.invalid_param.app_error' } });

    expect((await socket.request('user_update_active_status', { user_is_active: false })).status).toBe('OK');
    await drain(th, [socket]);
    // Connecting made the user online (one status_change); not idle long enough to be away.
    expect(socket.events('status_change').map((m) => m.data.status)).toEqual(['online']);
    expect((await client.getStatus(user.id)).status).toBe('online');

    clock.advance(awayAfterMs() + 1);
    await socket.request('user_update_active_status', { user_is_active: false });
    expect((await socket.waitForEvent('status_change', (m) => m.data.status === 'away')).data).toEqual({ status: 'away', user_id: user.id });
    expect(await client.getStatus(user.id)).toMatchObject({ status: 'away', manual: false });

    await socket.request('user_update_active_status', { user_is_active: true });
    await drain(th, [socket]);
    expect(socket.events('status_change').map((m) => m.data.status)).toEqual(['online', 'away', 'online']);
    expect((await client.getStatus(user.id)).status).toBe('online');
    await socket.close();
  });

  it('goes away automatically when idle, checked on the pong as Mattermost does', async () => {
    const { user, client } = await freshUser();
    const socket: TestSocket = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    clock.advance(awayAfterMs() + 1);
    expect((await socket.waitForEvent('status_change', (m) => m.data.status === 'away')).data.user_id).toBe(user.id);
    await socket.close();
  });

  it('makes a deactivated user offline', async () => {
    const { user, client } = await freshUser();
    const socket = await connectedSocket(th, client.getToken());
    await th.server.app.realtime.settled();
    await th.adminClient.updateUserActive(user.id, false);
    await socket.closed;
    await vi.waitFor(async () => expect((await th.adminClient.getStatus(user.id)).status).toBe('offline'));
  });
});

describe('statuses at shutdown', () => {
  it('marks the users of the closing node offline once their sockets are closed', async () => {
    const th = await (await TestHelper.setup()).initBasic();
    try {
      const socket = await connectedSocket(th, th.client.getToken());
      await th.server.app.realtime.settled();
      expect((await th.client.getStatus(th.basicUser.id)).status).toBe('online');
      await th.server.app.close();
      await socket.closed;
      const store = new Store(th.server.db.database.db, th.server.db.driver);
      expect((await store.statuses.findById(th.basicUser.id))?.status).toBe('offline');
    } finally {
      await th.tearDown();
    }
  });
});
