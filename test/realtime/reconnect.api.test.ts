import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../helpers/clock.js';
import { TestHelper } from '../helpers/test-helper.js';
import { OfficialClient, TestSocket, connectedSocket, type WsMessage } from '../helpers/websocket.js';

/**
 * What the tests cause while a client is away: one event per call that the client receives. Until
 * posts exist it is a profile change of a user the client can see; switching to posts means
 * changing these two functions.
 */
function profileChanges(th: TestHelper) {
  return {
    cause: (i: number) => th.client2.patchUser({ id: th.basicUser2.id, nickname: `away${i}` }),
    isCaused: (m: WsMessage) => m.event === 'user_updated' && m.data.user.id === th.basicUser2.id && /^away\d+$/.test(m.data.user.nickname as string),
    label: (m: WsMessage) => m.data.user.nickname as string,
  };
}

describe('lossless reconnect', () => {
  let th: TestHelper;
  const clock = new ManualClock();

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { clock })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const isActive = (connectionId: string) => th.server.app.realtime.hub.activeConnections().some((c) => c.connectionId === connectionId);

  it('replays every event missed while cut off, in order and exactly once (official client)', async () => {
    const changes = profileChanges(th);
    const official = new OfficialClient(th.url, th.client.getToken());
    const hello = await official.waitForEvent('hello');
    await changes.cause(-1);
    await official.waitFor((m) => m.event === 'user_updated' && m.data.user.nickname === 'away-1');

    official.sockets.at(-1)?.terminate();
    for (let i = 0; i < 200; i++) await changes.cause(i);
    official.reconnect();
    await official.waitFor((m) => changes.isCaused(m) && changes.label(m) === 'away199');

    const caused = official.events().filter(changes.isCaused);
    expect(caused.map(changes.label)).toEqual(Array.from({ length: 200 }, (_v, i) => `away${i}`));
    // One stream: a single hello, sequence numbers without gap or repeat, no further reconnect.
    expect(official.events('hello')).toEqual([hello]);
    expect(official.events().map((m) => m.seq)).toEqual(official.events().map((_m, i) => i));
    expect(official.sockets).toHaveLength(2);
    expect(official.missedCount).toBe(0);

    // And the resumed connection keeps going.
    await th.client2.patchUser({ id: th.basicUser2.id, nickname: 'after' });
    const after = await official.waitFor((m) => m.event === 'user_updated' && m.data.user.nickname === 'after');
    expect(after.seq).toBe(official.events().length - 1);
    official.close();
  });

  it('resumes an authentication-challenge client too, replaying before the OK', async () => {
    const first = await TestSocket.connect(th.url);
    await first.request('authentication_challenge', { token: th.client.getToken() });
    const hello = await first.waitForEvent('hello');
    first.cutOff();
    await th.client2.patchUser({ id: th.basicUser2.id, nickname: 'missed' });

    const query = { connection_id: hello.data.connection_id as string, sequence_number: '1' };
    const second = await TestSocket.connect(th.url, { query });
    const reply = await second.request('authentication_challenge', { token: th.client.getToken() });
    // Replayed from seq 1 on: what happened while away (the user went offline, then the change).
    const replayed = second.messages.slice(0, second.messages.indexOf(reply));
    expect(replayed.map((m) => m.seq)).toEqual(replayed.map((_m, i) => i + 1));
    expect(replayed.filter((m) => m.event === 'user_updated').map((m) => m.data.user.nickname)).toEqual(['missed']);
    expect(second.events('hello')).toEqual([]);
    await second.close();
  });

  it('starts over with a new hello when the resume window has passed', async () => {
    const socket = await connectedSocket(th, th.client.getToken());
    const hello = socket.events('hello')[0] as WsMessage;
    const connectionId = hello.data.connection_id as string;
    socket.cutOff();
    await vi.waitFor(() => expect(isActive(connectionId)).toBe(false));
    clock.advance(th.server.app.realtime.options.resumeWindowMs + 1);

    const again = await TestSocket.connect(th.url, { token: th.client.getToken(), query: { connection_id: connectionId, sequence_number: '1' } });
    const fresh = await again.waitForEvent('hello');
    expect(fresh.seq).toBe(0);
    expect(fresh.data.connection_id).not.toBe(connectionId);
    await again.close();
  });

  it('gives a new hello for an unknown or foreign connection id, or an impossible sequence', async () => {
    const theirs = await connectedSocket(th, th.client2.getToken());
    const theirId = (theirs.events('hello')[0] as WsMessage).data.connection_id as string;
    const mine = await connectedSocket(th, th.client.getToken());
    const myId = (mine.events('hello')[0] as WsMessage).data.connection_id as string;

    for (const query of [
      { connection_id: 'zzzzzzzzzzzzzzzzzzzzzzzzzz', sequence_number: '3' },
      { connection_id: theirId, sequence_number: '1' },
      { connection_id: myId, sequence_number: '99' },
    ]) {
      const socket = await TestSocket.connect(th.url, { token: th.client.getToken(), query });
      const hello = await socket.waitForEvent('hello');
      expect(hello.seq).toBe(0);
      expect([theirId, 'zzzzzzzzzzzzzzzzzzzzzzzzzz']).not.toContain(hello.data.connection_id);
      await socket.close();
    }
    // The other user's connection was not touched.
    expect((await theirs.request('ping')).status).toBe('OK');
    await theirs.close();
    await mine.close();
  });

  it('refuses a malformed connection_id or sequence_number from an authenticated client', async () => {
    for (const query of [{ connection_id: 'short', sequence_number: '1' }, { connection_id: 'zzzzzzzzzzzzzzzzzzzzzzzzzz', sequence_number: 'x' }]) {
      const socket = await TestSocket.connect(th.url, { token: th.client.getToken(), query });
      expect((await socket.closed).code).toBe(1008);
    }
  });
});

describe('reconnect too far behind', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { realtime: { replayBufferSize: 8 } })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('gives a new hello when the events it missed are no longer kept', async () => {
    const changes = profileChanges(th);
    const official = new OfficialClient(th.url, th.client.getToken());
    const hello = await official.waitForEvent('hello');
    official.sockets.at(-1)?.terminate();
    for (let i = 0; i < 10; i++) await changes.cause(i);
    official.reconnect();
    const fresh = await official.waitFor((m) => m.event === 'hello' && m !== hello);
    expect(fresh.data.connection_id).not.toBe(hello.data.connection_id);
    expect(official.missedCount).toBe(1);
    official.close();
  });
});
