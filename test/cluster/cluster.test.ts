import { randomBytes } from 'node:crypto';
import type { Client4 } from '@mattermost/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { startNodeProcess, type NodeProcess } from '../helpers/node-process.js';
import { deleteRedisKeys, redisAvailable, testRedisUrl } from '../helpers/redis.js';
import { newClient } from '../helpers/server.js';
import { DEFAULT_PASSWORD, uniqueName } from '../helpers/test-helper.js';
import { TestSocket } from '../helpers/websocket.js';

// Several real server processes need one shared database: PostgreSQL only.
const enabled = testDialect === 'postgres' && (await redisAvailable());
const eventually = { timeout: 15_000, interval: 50 };

describe.skipIf(!enabled)('a cluster of three nodes', () => {
  let db: TestDatabase;
  let nodes: NodeProcess[] = [];
  const prefix = `parley-test-${randomBytes(6).toString('hex')}`;
  let admin: Client4;
  const sockets: TestSocket[] = [];

  const node = (i: number) => (): NodeProcess => nodes[i] as NodeProcess;
  const [a, b, c] = [node(0), node(1), node(2)];

  async function login(node: NodeProcess, username: string): Promise<Client4> {
    const client = newClient(node.url);
    await client.login(username, DEFAULT_PASSWORD);
    return client;
  }

  async function socketOn(node: NodeProcess, client: Client4): Promise<TestSocket> {
    const socket = await TestSocket.connect(node.url, { token: client.getToken() });
    await socket.waitForEvent('hello');
    sockets.push(socket);
    return socket;
  }

  async function newUser(): Promise<string> {
    const username = uniqueName();
    await admin.createUser({ username, email: `${username}@example.com`, password: DEFAULT_PASSWORD } as never, '', '');
    return username;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.dataSource, REDIS_URL: testRedisUrl, PARLEY_REDIS_PREFIX: prefix, PARLEY_CLUSTER_HEARTBEAT_MS: '200' };
    nodes = await Promise.all([startNodeProcess(env), startNodeProcess(env), startNodeProcess(env)]);
    const first = uniqueName('admin');
    await newClient(a().url).createUser({ username: first, email: `${first}@example.com`, password: DEFAULT_PASSWORD } as never, '', '');
    admin = await login(a(), first);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
    await db?.dispose();
    await deleteRedisKeys(prefix);
  });

  it('lists its three live nodes on every node', async () => {
    await vi.waitFor(async () => expect(await admin.getClusterStatus()).toHaveLength(3), eventually);
    const infos = await admin.getClusterStatus();
    expect(infos[0]).toEqual({ id: expect.any(String), version: expect.any(String), schema_version: expect.any(String), config_hash: expect.any(String), ipaddress: expect.any(String), hostname: expect.any(String) });
    for (const node of [b(), c()]) {
      const viaNode = newClient(node.url, admin.getToken());
      expect((await viaNode.getClusterStatus()).map((n) => n.id).sort()).toEqual(infos.map((n) => n.id).sort());
    }
  });

  it('delivers an event caused on one node to the sockets of every node', async () => {
    const one = await login(b(), await newUser());
    const two = await login(c(), await newUser());
    const adminSocket = await socketOn(a(), admin);
    const oneSocket = await socketOn(b(), one);
    const twoSocket = await socketOn(c(), two);

    await newUser();
    for (const socket of [adminSocket, oneSocket, twoSocket]) await socket.waitForEvent('new_user');

    const me = await one.patchMe({ nickname: 'from-b' });
    await adminSocket.waitForEvent('user_updated', (m) => m.data.user.id === me.id && m.broadcast?.['contains_sensitive_data'] === true);
    await twoSocket.waitForEvent('user_updated', (m) => m.data.user.id === me.id && m.data.user.nickname === 'from-b');

    // A status set through node A reaches the user's socket on C, and node B reads it.
    const twoOnA = newClient(a().url, two.getToken());
    const twoId = (await two.getMe()).id;
    await twoOnA.updateStatus({ user_id: twoId, status: 'dnd' });
    await twoSocket.waitForEvent('status_change', (m) => m.data.status === 'dnd');
    expect((await newClient(b().url, admin.getToken()).getStatus(twoId)).status).toBe('dnd');
  });

  it('ends a session everywhere: the socket on another node closes and every node refuses the token', async () => {
    const username = await newUser();
    const client = await login(c(), username);
    const socket = await socketOn(c(), client);
    const onB = newClient(b().url, client.getToken());
    await onB.getMe(); // node B now has the session cached
    await newClient(a().url, client.getToken()).logout();
    await socket.closed;
    await expect(onB.getMe()).rejects.toMatchObject({ status_code: 401 });
  });

  it('keeps serving when a node is killed, and marks its users offline', async () => {
    const onlyOnC = await login(c(), await newUser());
    const userId = (await onlyOnC.getMe()).id;
    const socketOnC = await socketOn(c(), onlyOnC);
    const watcher = await login(b(), await newUser());
    const watcherSocket = await socketOn(b(), watcher);
    await vi.waitFor(async () => expect((await admin.getStatus(userId)).status).toBe('online'), eventually);

    await c().kill('SIGKILL');
    await socketOnC.closed;

    const patched = await admin.patchUser({ id: (await watcher.getMe()).id, nickname: 'still-here' });
    await watcherSocket.waitForEvent('user_updated', (m) => m.data.user.id === patched.id && m.data.user.nickname === 'still-here');
    await vi.waitFor(async () => expect(await admin.getClusterStatus()).toHaveLength(2), eventually);
    await vi.waitFor(async () => expect((await admin.getStatus(userId)).status).toBe('offline'), eventually);
    expect((await newClient(b().url, admin.getToken()).getClusterStatus()).length).toBe(2);
  });
});
