import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const BODY = 'api.context.invalid_body_param.app_error';
const URL_PARAM = 'api.context.invalid_url_param.app_error';

describe('HTTP conventions', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  describe('headers', () => {
    it('sends Content-Type exactly "application/json" for JSON bodies, errors included', async () => {
      const token = th.client.getToken();
      for (const [method, path] of [
        ['GET', '/api/v4/users/me'],
        ['GET', '/api/v4/users?per_page=2'],
        ['GET', '/api/v4/system/ping'],
        ['GET', '/api/v4/no/such/route'],
        ['GET', '/api/v4/users/not-an-id'],
        ['POST', '/api/v4/users/ids'],
      ] as const) {
        const response = await rawRequest(th.url, method, path, { token, ...(method === 'POST' ? { body: '[' } : {}) });
        expect(response.headers.get('content-type'), `${method} ${path}`).toBe('application/json');
      }
      const anonymous = await rawRequest(th.url, 'GET', '/api/v4/users/me');
      expect(anonymous.headers.get('content-type')).toBe('application/json');
    });

    it('echoes X-Request-Id, or makes one, and puts it in error bodies', async () => {
      const sent = await rawRequest(th.url, 'GET', '/api/v4/users/me', { token: th.client.getToken(), headers: { 'X-Request-Id': 'trace-me-123' } });
      expect(sent.headers.get('x-request-id')).toBe('trace-me-123');
      const made = await rawRequest(th.url, 'GET', '/api/v4/users/me', { token: th.client.getToken() });
      expect(made.headers.get('x-request-id')).toMatch(/^[a-z0-9]{26}$/);
      const failed = await rawRequest(th.url, 'GET', '/api/v4/users/me', { headers: { 'X-Request-Id': 'err-trace-1' } });
      expect(failed.headers.get('x-request-id')).toBe('err-trace-1');
      expect(failed.json.request_id).toBe('err-trace-1');
    });

    it('sends X-Version-Id on every answer', async () => {
      const response = await rawRequest(th.url, 'GET', '/api/v4/system/ping');
      expect(response.headers.get('x-version-id')).toMatch(/^\d+\.\d+\.\d+\./);
    });

    it('hides detailed_error outside developer mode', async () => {
      const response = await rawRequest(th.url, 'GET', '/api/v4/users/not-an-id', { token: th.client.getToken() });
      expect(response.json.detailed_error).toBe('');
    });
  });

  describe('unknown routes', () => {
    it('answers api.context.404.app_error for any method, signed in or not', async () => {
      const token = th.client.getToken();
      for (const [method, path] of [
        ['GET', '/api/v4/nothing'],
        ['POST', '/api/v4/users/me/nothing'],
        ['DELETE', '/api/v4/users/me/sessions/nothing'],
        ['PUT', '/api/v4/teams/x/y/z'],
      ] as const) {
        expectErrorBody(await rawRequest(th.url, method, path, { token }), 404, 'api.context.404.app_error');
        expectErrorBody(await rawRequest(th.url, method, path), 404, 'api.context.404.app_error');
      }
    });
  });

  describe('URLs the router cannot take', () => {
    it('answers malformed percent-encoding and over-long path parameters with invalid_url_param', async () => {
      const token = th.client.getToken();
      for (const path of ['/api/v4/users/%E0%A4%A', `/api/v4/users/${'y'.repeat(5000)}`, `/api/v4/users/${'y'.repeat(5000)}/image`]) {
        const response = await rawRequest(th.url, 'GET', path, { token, headers: { 'X-Request-Id': 'router-1' } });
        expectErrorBody(response, 400, URL_PARAM);
        expect(response.headers.get('x-request-id')).toBe('router-1');
        expect(response.json.request_id).toBe('router-1');
      }
    });
  });

  describe('requests Node cannot parse', () => {
    it('answers headers over the size limit with the AppError shape', async () => {
      const response = await rawRequest(th.url, 'GET', `/api/v4/users?name=${'q'.repeat(20_000)}`, { token: th.client.getToken() });
      expectErrorBody(response, 431, 'api.context.request_headers_too_large.app_error');
      // The server carries on.
      expect((await rawRequest(th.url, 'GET', '/api/v4/system/ping')).status).toBe(200);
    });
  });

  describe('NUL characters', () => {
    it('are refused in query values, path parameters and JSON bodies (PostgreSQL cannot store them)', async () => {
      const token = th.client.getToken();
      const cases: Array<[string, string, unknown, string]> = [
        ['GET', '/api/v4/users?roles=a%00b', undefined, URL_PARAM],
        ['GET', '/api/v4/users/autocomplete?name=%00', undefined, URL_PARAM],
        ['GET', '/api/v4/users/email/a%00@example.com', undefined, URL_PARAM],
        ['POST', '/api/v4/users/search', { term: 'a\u0000' }, BODY],
        ['POST', '/api/v4/users/usernames', ['a\u0000'], BODY],
        ['PUT', '/api/v4/users/sessions/device', { device_id: 'x\u0000' }, BODY],
        ['PUT', '/api/v4/users/me/patch', { props: { ['k\u0000']: 'v' } }, BODY],
      ];
      for (const [method, path, body, id] of cases) {
        expectErrorBody(await rawRequest(th.url, method, path, { token, ...(body !== undefined ? { body } : {}) }), 400, id);
      }
      const login = await rawRequest(th.url, 'POST', '/api/v4/users/login', { body: { login_id: 'a\u0000', password: 'x' } });
      expectErrorBody(login, 400, BODY);
      // Authentication still comes first.
      expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/users?roles=%00'), 401, 'api.context.session_expired.app_error');
    });
  });

  describe('bad input on every /users route', () => {
    const id = () => th.basicUser.id;
    const long = 'x'.repeat(100_000);
    const cases: Array<{ name: string; method: string; path: () => string; body?: unknown; status?: number; error: string; admin?: boolean }> = [
      { name: 'create: malformed JSON', method: 'POST', path: () => '/api/v4/users', body: '{"username":', error: BODY },
      { name: 'create: wrong type', method: 'POST', path: () => '/api/v4/users', body: { username: ['a'] }, error: BODY },
      { name: 'create: JSON array', method: 'POST', path: () => '/api/v4/users', body: [], error: BODY },
      { name: 'create: over-long username', method: 'POST', path: () => '/api/v4/users', body: { username: long, email: 'a@example.com', password: 'Passw0rd!long' }, error: 'model.user.is_valid.username.app_error', admin: true },
      { name: 'list: bad sort', method: 'GET', path: () => '/api/v4/users?sort=sideways', error: URL_PARAM },
      { name: 'ids: malformed JSON', method: 'POST', path: () => '/api/v4/users/ids', body: '[', error: BODY },
      { name: 'ids: not an array', method: 'POST', path: () => '/api/v4/users/ids', body: { ids: [] }, error: BODY },
      { name: 'ids: invalid ids', method: 'POST', path: () => '/api/v4/users/ids', body: ['nope', 42], error: BODY },
      { name: 'usernames: wrong type', method: 'POST', path: () => '/api/v4/users/usernames', body: [1, 2], error: BODY },
      { name: 'search: malformed JSON', method: 'POST', path: () => '/api/v4/users/search', body: '{', error: BODY },
      { name: 'search: wrong type', method: 'POST', path: () => '/api/v4/users/search', body: { term: 5 }, error: BODY },
      { name: 'search: no term', method: 'POST', path: () => '/api/v4/users/search', body: {}, error: BODY },
      { name: 'by username: invalid', method: 'GET', path: () => `/api/v4/users/username/${encodeURIComponent('Not Valid!')}`, error: BODY },
      { name: 'by email: invalid', method: 'GET', path: () => '/api/v4/users/email/not-an-email', error: URL_PARAM },
      { name: 'get: invalid id', method: 'GET', path: () => '/api/v4/users/short', error: URL_PARAM },
      { name: 'get: over-long id', method: 'GET', path: () => `/api/v4/users/${'a'.repeat(400)}`, error: URL_PARAM },
      { name: 'update: malformed JSON', method: 'PUT', path: () => `/api/v4/users/${id()}`, body: '{', error: BODY },
      { name: 'update: id mismatch', method: 'PUT', path: () => `/api/v4/users/${id()}`, body: { id: 'a'.repeat(26) }, error: BODY },
      { name: 'patch: malformed JSON', method: 'PUT', path: () => `/api/v4/users/${id()}/patch`, body: '{', error: BODY },
      { name: 'patch: wrong type', method: 'PUT', path: () => `/api/v4/users/${id()}/patch`, body: { nickname: 7 }, error: BODY },
      { name: 'patch: over-long nickname', method: 'PUT', path: () => `/api/v4/users/${id()}/patch`, body: { nickname: long }, error: 'model.user.is_valid.nickname.app_error' },
      { name: 'patch: over-long position', method: 'PUT', path: () => `/api/v4/users/${id()}/patch`, body: { position: long }, error: 'model.user.is_valid.position.app_error' },
      { name: 'patch: invalid id', method: 'PUT', path: () => '/api/v4/users/bad/patch', body: {}, error: URL_PARAM },
      { name: 'roles: wrong type', method: 'PUT', path: () => `/api/v4/users/${id()}/roles`, body: { roles: 1 }, error: BODY },
      { name: 'roles: invalid names', method: 'PUT', path: () => `/api/v4/users/${id()}/roles`, body: { roles: 'system_user Bad-Role!' }, error: BODY, admin: true },
      { name: 'active: missing', method: 'PUT', path: () => `/api/v4/users/${id()}/active`, body: {}, error: BODY, admin: true },
      { name: 'active: wrong type', method: 'PUT', path: () => `/api/v4/users/${id()}/active`, body: { active: 'yes' }, error: BODY },
      { name: 'mfa: wrong type', method: 'PUT', path: () => `/api/v4/users/${id()}/mfa`, body: { activate: 'yes' }, error: BODY },
      { name: 'sessions: invalid id', method: 'GET', path: () => '/api/v4/users/zzz/sessions', error: URL_PARAM },
      { name: 'revoke: missing session id', method: 'POST', path: () => `/api/v4/users/${id()}/sessions/revoke`, body: {}, error: BODY },
      { name: 'revoke: wrong type', method: 'POST', path: () => `/api/v4/users/${id()}/sessions/revoke`, body: { session_id: 3 }, error: BODY },
      { name: 'device: over-long id', method: 'PUT', path: () => '/api/v4/users/sessions/device', body: { device_id: long }, error: BODY },
      { name: 'login: malformed JSON', method: 'POST', path: () => '/api/v4/users/login', body: '{', error: BODY },
      { name: 'login: wrong type', method: 'POST', path: () => '/api/v4/users/login', body: { login_id: {}, password: 1 }, error: BODY },
      { name: 'mfa check: no login id', method: 'POST', path: () => '/api/v4/users/mfa', body: {}, error: BODY },
      { name: 'audits: invalid id', method: 'GET', path: () => '/api/v4/users/-/audits', error: URL_PARAM },
      { name: 'image: invalid id', method: 'GET', path: () => '/api/v4/users/x/image', error: URL_PARAM },
      { name: 'image upload: not multipart', method: 'POST', path: () => `/api/v4/users/${id()}/image`, body: {}, error: 'api.user.upload_profile_user.parse.app_error' },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        const token = c.admin ? th.adminClient.getToken() : th.client.getToken();
        const response = await rawRequest(th.url, c.method, c.path(), { token, ...(c.body !== undefined ? { body: c.body } : {}) });
        expectErrorBody(response, c.status ?? 400, c.error);
      });
    }
  });
});
