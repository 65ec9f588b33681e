import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/lib/hash.js';
import { newId } from '../../src/model/ids.js';
import { Store } from '../../src/store/store.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';
import { OfficialClient, TestSocket, connectedSocket, drain } from '../helpers/websocket.js';

describe('websocket connection', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('greets a header-authenticated socket with hello as event 0', async () => {
    const socket = await TestSocket.connect(th.url, { token: th.client.getToken() });
    const hello = await socket.waitForEvent('hello');
    expect(hello.seq).toBe(0);
    expect(hello.data.connection_id).toMatch(/^[a-z0-9]{26}$/);
    expect(hello.data.server_version).toMatch(/^\d+\.\d+\.\d+\.0\.[0-9a-f]+\.true$/);
    expect(hello.broadcast).toMatchObject({ user_id: th.basicUser.id, channel_id: '', team_id: '', omit_users: null });
    await socket.close();
  });

  it('authenticates by the MMAUTHTOKEN cookie', async () => {
    const socket = await TestSocket.connect(th.url, { cookie: th.client.getToken() });
    expect((await socket.waitForEvent('hello')).broadcast?.['user_id']).toBe(th.basicUser.id);
    await socket.close();
  });

  it('authenticates by the challenge: hello, then the OK reply', async () => {
    const socket = await TestSocket.connect(th.url);
    const reply = await socket.request('authentication_challenge', { token: th.client.getToken() });
    expect(reply).toEqual({ status: 'OK', seq_reply: 1 });
    const helloIndex = socket.messages.findIndex((m) => m.event === 'hello');
    expect(helloIndex).toBeGreaterThanOrEqual(0);
    expect(helloIndex).toBeLessThan(socket.messages.indexOf(reply));
    // A second challenge is ignored, as Mattermost does: no reply, still connected.
    socket.sendJson({ action: 'authentication_challenge', seq: 9, data: { token: th.client.getToken() } });
    expect((await socket.request('ping')).status).toBe('OK');
    expect(socket.messages.some((m) => m.seq_reply === 9)).toBe(false);
    await socket.close();
  });

  it('authenticates a personal access token by the challenge when tokens are enabled', async () => {
    const token = newId();
    const store = new Store(th.server.db.database.db, th.server.db.driver);
    await store.accessTokens.insert({ id: newId(), token_hash: hashToken(token), user_id: th.basicUser2.id, description: 'ws', is_active: true, create_at: Date.now(), expires_at: 0 });

    const refused = await TestSocket.connect(th.url);
    refused.sendJson({ action: 'authentication_challenge', seq: 1, data: { token } });
    expect((await refused.closed).code).toBe(1008);

    th.updateConfig((c) => {
      c.ServiceSettings.EnableUserAccessTokens = true;
    });
    try {
      const socket = await TestSocket.connect(th.url);
      expect(await socket.request('authentication_challenge', { token })).toMatchObject({ status: 'OK' });
      expect((await socket.waitForEvent('hello')).broadcast?.['user_id']).toBe(th.basicUser2.id);
      await socket.close();
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableUserAccessTokens = false;
      });
    }
  });

  it('closes a socket whose challenge has no valid token, and refuses actions before authentication', async () => {
    const anonymous = await TestSocket.connect(th.url);
    const refused = await anonymous.request('get_statuses');
    expect(refused).toMatchObject({ status: 'FAIL', error: { id: 'api.web_socket_router.not_authenticated.app_error', status_code: 401 } });
    anonymous.sendJson({ action: 'authentication_challenge', seq: 5, data: { token: 'not-a-session' } });
    expect((await anonymous.closed).code).toBe(1008);

    const noToken = await TestSocket.connect(th.url);
    noToken.sendJson({ action: 'authentication_challenge', seq: 1, data: {} });
    expect((await noToken.closed).code).toBe(1008);
  });

  it('works with the official WebSocketClient', async () => {
    const official = new OfficialClient(th.url, th.client2.getToken());
    const hello = await official.waitForEvent('hello');
    expect(hello).toMatchObject({ seq: 0, broadcast: { user_id: th.basicUser2.id } });
    expect(await official.request('ping')).toMatchObject({ status: 'OK', data: { text: 'pong', node_id: '' } });
    official.close();
  });

  it('numbers every event of a connection 0, 1, 2, … with no gap', async () => {
    const socket = await connectedSocket(th, th.client.getToken());
    for (let i = 0; i < 10; i++) await th.client2.patchUser({ id: th.basicUser2.id, nickname: `n${i}` });
    await drain(th, [socket]);
    expect(socket.events().map((m) => m.seq)).toEqual(socket.events().map((_m, i) => i));
    expect(socket.events('user_updated')).toHaveLength(10);
    await socket.close();
  });

  it('answers actions with seq_reply and Mattermost errors, and closes on unreadable frames', async () => {
    const socket = await connectedSocket(th, th.client.getToken());
    const pong = await socket.request('ping');
    expect(pong).toMatchObject({ status: 'OK', seq_reply: 1, data: { text: 'pong', version: expect.any(String), server_time: expect.any(Number) } });
    expect(pong).not.toHaveProperty('seq');
    expect(await socket.request('no_such_action')).toMatchObject({ status: 'FAIL', error: { id: 'api.web_socket_router.bad_action.app_error', status_code: 500, detailed_error: '' } });
    socket.sendJson({ action: '', seq: 7 });
    expect(await socket.waitFor((m) => m.seq_reply === 7)).toMatchObject({ error: { id: 'api.web_socket_router.no_action.app_error', status_code: 400 } });
    socket.sendJson({ action: 'ping', seq: 0 });
    expect(await socket.waitFor((m) => m.error?.id === 'api.web_socket_router.bad_seq.app_error')).toMatchObject({ status: 'FAIL' });
    expect(await socket.request('get_statuses_by_ids', { user_ids: [] })).toMatchObject({ error: { id: 'api.websocket_handler.invalid_param.app_error', status_code: 400 } });
    // Still alive after all that.
    expect((await socket.request('ping')).status).toBe('OK');

    socket.ws.send('{"action": "ping", "seq":');
    expect((await socket.closed).code).toBe(1003);

    const typed = await connectedSocket(th, th.client.getToken());
    typed.sendJson({ action: 'ping', seq: 'one' });
    expect((await typed.closed).code).toBe(1003);

    const huge = await connectedSocket(th, th.client.getToken());
    huge.sendJson({ action: 'ping', seq: 1, data: { blob: 'x'.repeat(9 * 1024) } });
    expect((await huge.closed).code).toBe(1009);

    const after = await connectedSocket(th, th.client.getToken());
    expect((await after.request('ping')).status).toBe('OK');
    await after.close();
  });

  it('refuses a cross-origin page unless AllowCorsFrom lists it', async () => {
    await expect(TestSocket.connect(th.url, { token: th.client.getToken(), headers: { Origin: 'https://evil.example' } })).rejects.toThrow(/403/);
    const host = new URL(th.url).host;
    const same = await TestSocket.connect(th.url, { token: th.client.getToken(), headers: { Origin: `http://${host}` } });
    await same.waitForEvent('hello');
    await same.close();
    th.updateConfig((c) => {
      c.ServiceSettings.AllowCorsFrom = 'https://app.example';
    });
    try {
      const listed = await TestSocket.connect(th.url, { token: th.client.getToken(), headers: { Origin: 'https://app.example' } });
      await listed.close();
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.AllowCorsFrom = '';
      });
    }
  });

  it('closes the sockets of a revoked session at once, and only those', async () => {
    const login = await th.login(th.basicUser2.username);
    const doomed = await connectedSocket(th, login.getToken());
    const other = await connectedSocket(th, th.client2.getToken());
    await login.logout();
    await doomed.closed;
    expect((await other.request('ping')).status).toBe('OK');
    await other.close();
  });

  it('keeps the socket of a session that attaches a device (the session lives on)', async () => {
    const login = await th.login(th.basicUser2.username);
    const socket = await connectedSocket(th, login.getToken());
    const response = await rawRequest(th.url, 'PUT', '/api/v4/users/sessions/device', { token: login.getToken(), body: { device_id: 'android:abc' } });
    expect(response.status).toBe(200);
    await drain(th, [socket]);
    expect((await socket.request('ping')).status).toBe('OK');
    await socket.close();
  });

  it('closes the sockets of a deactivated user at once', async () => {
    const { user } = await th.createUser();
    const client = await th.login(user.username);
    const socket = await connectedSocket(th, client.getToken());
    await th.adminClient.updateUserActive(user.id, false);
    await socket.closed;
  });
});

describe('websocket timeouts', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { realtime: { authTimeoutMs: 50, pingIntervalMs: 50, pongTimeoutMs: 120 } })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('closes a socket that does not authenticate in time', async () => {
    const socket = await TestSocket.connect(th.url);
    expect((await socket.closed).code).toBe(1008);
  });

  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    const silent = await TestSocket.connect(th.url, { token: th.client.getToken(), ws: { autoPong: false } });
    const lively = await connectedSocket(th, th.client2.getToken());
    await silent.closed;
    expect((await lively.request('ping')).status).toBe('OK');
    await lively.close();
  });
});
