import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper } from '../helpers/test-helper.js';

describe('graceful shutdown', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('lets a request that is in flight finish, then refuses new connections', async () => {
    const server = th.server.app.http.server;
    // Resolves once the server has taken the login request in (Fastify, listening first, has
    // already routed it by then); a login is naturally slow because of bcrypt.
    const received = new Promise<void>((resolve) => {
      const onRequest = (request: IncomingMessage) => {
        if (request.url === '/api/v4/users/login') {
          server.off('request', onRequest);
          resolve();
        }
      };
      server.on('request', onRequest);
    });
    const login = rawRequest(th.url, 'POST', '/api/v4/users/login', { body: { login_id: th.basicUser.username, password: DEFAULT_PASSWORD } });
    await received;
    const closing = th.server.app.close();

    const response = await login;
    expect(response.status).toBe(200);
    expect(response.json.id).toBe(th.basicUser.id);
    expect(response.headers.get('token')).toMatch(/^[a-z0-9]{26}$/);
    await closing;

    await expect(fetch(`${th.url}/api/v4/system/ping`)).rejects.toThrow();
  });
});
