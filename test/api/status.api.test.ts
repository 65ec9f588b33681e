import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../helpers/clock.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const HOUR_MS = 60 * 60 * 1000;

describe('statuses', () => {
  let th: TestHelper;
  const clock = new ManualClock();

  beforeAll(async () => {
    th = await (await TestHelper.setup(undefined, { clock })).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  it('reports a user never seen online as offline', async () => {
    const status = await th.client.getStatus(th.basicUser2.id);
    expect(status).toEqual({ user_id: th.basicUser2.id, status: 'offline', manual: false, last_activity_at: 0, dnd_end_time: 0 });
  });

  it('sets manual statuses and answers with the stored status', async () => {
    const away = await th.client.updateStatus({ user_id: th.basicUser.id, status: 'away' });
    expect(away).toMatchObject({ user_id: th.basicUser.id, status: 'away', manual: true });
    const online = await th.client.updateStatus({ user_id: th.basicUser.id, status: 'online' });
    // "online" is never manual in Mattermost: activity may change it again.
    expect(online).toMatchObject({ status: 'online', manual: false, last_activity_at: clock.now() });
    const offline = await th.client.updateStatus({ user_id: th.basicUser.id, status: 'offline' });
    expect(offline).toMatchObject({ status: 'offline', manual: true });
    expect(await th.client.getStatus('me')).toMatchObject({ user_id: th.basicUser.id, status: 'offline' });
  });

  it('ends a timed DND at its end, cut to the minute, and restores the previous status', async () => {
    await th.client.updateStatus({ user_id: th.basicUser.id, status: 'online' });
    const end = Math.floor(clock.now() / 1000) + 3600 + 17;
    const dnd = await th.client.updateStatus({ user_id: th.basicUser.id, status: 'dnd', dnd_end_time: end });
    expect(dnd).toMatchObject({ status: 'dnd', manual: true, dnd_end_time: end - (end % 60) });

    await th.server.app.services.statuses.expireDndStatuses();
    expect(await th.client.getStatus(th.basicUser.id)).toMatchObject({ status: 'dnd' });

    clock.advance(2 * HOUR_MS);
    await th.server.app.services.statuses.expireDndStatuses();
    expect(await th.client.getStatus(th.basicUser.id)).toMatchObject({ status: 'online', manual: false, dnd_end_time: 0 });
  });

  it('refuses bad bodies, other users and unknown statuses with Mattermost ids', async () => {
    const token = th.client.getToken();
    const path = `/api/v4/users/${th.basicUser.id}/status`;
    expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: { user_id: th.basicUser2.id, status: 'away' } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: { user_id: th.basicUser.id, status: 'busy' } }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'PUT', path, { token, body: '[1,2]' }), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(th.client.updateStatus({ user_id: th.basicUser2.id, status: 'away' }), 403, 'api.context.permissions.app_error');
    const byAdmin = await th.adminClient.updateStatus({ user_id: th.basicUser2.id, status: 'dnd' });
    expect(byAdmin).toMatchObject({ user_id: th.basicUser2.id, status: 'dnd', manual: true });
  });

  it('lists statuses by ids, offline for unknown users', async () => {
    const unknown = 'zzzzzzzzzzzzzzzzzzzzzzzzzz';
    const statuses = await th.client.getStatusesByIds([th.basicUser2.id, unknown]);
    expect(statuses).toEqual([
      expect.objectContaining({ user_id: th.basicUser2.id, status: 'dnd' }),
      { user_id: unknown, status: 'offline', manual: false, last_activity_at: 0, dnd_end_time: 0 },
    ]);
    const token = th.client.getToken();
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/status/ids', { token, body: [] }), 400, 'api.context.invalid_body_param.app_error');
    expectErrorBody(await rawRequest(th.url, 'POST', '/api/v4/users/status/ids', { token, body: ['short'] }), 400, 'api.context.invalid_body_param.app_error');
    expect((await rawRequest(th.url, 'POST', '/api/v4/users/status/ids', { body: [unknown] })).status).toBe(401);
  });

  it('answers 404 for statuses when EnableUserStatuses is off', async () => {
    th.updateConfig((c) => {
      c.ServiceSettings.EnableUserStatuses = false;
    });
    try {
      await expectAppError(th.client.getStatus(th.basicUser.id), 404, 'api.status.user_not_found.app_error');
      expect(await th.client.getStatusesByIds([th.basicUser.id])).toEqual([]);
    } finally {
      th.updateConfig((c) => {
        c.ServiceSettings.EnableUserStatuses = true;
      });
    }
  });
});

describe('custom statuses', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const later = (): string => new Date(Date.now() + HOUR_MS).toISOString().replace('.000Z', 'Z');

  it('keeps the custom status in the user prop customStatus', async () => {
    const expiresAt = new Date(Math.ceil((Date.now() + HOUR_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    await th.client.updateCustomStatus({ emoji: 'calendar', text: 'In a meeting', duration: 'one_hour', expires_at: expiresAt } as never);
    const me = await th.client.getMe();
    expect(JSON.parse(me.props?.['customStatus'] ?? '{}')).toEqual({ emoji: 'calendar', text: 'In a meeting', duration: 'one_hour', expires_at: expiresAt });
    // Others see it too: it is part of the profile.
    const seen = await th.client2.getUser(th.basicUser.id);
    expect(seen.props?.['customStatus']).toBe(me.props?.['customStatus']);

    await th.client.unsetCustomStatus();
    expect((await th.client.getMe()).props?.['customStatus']).toBe('');
  });

  it('fills the duration of a future expiry and never-expiring statuses keep Go zero time', async () => {
    await th.client.updateCustomStatus({ emoji: 'palm_tree', text: 'Away', expires_at: later() } as never);
    expect(JSON.parse((await th.client.getMe()).props?.['customStatus'] ?? '{}')).toMatchObject({ duration: 'date_and_time' });
    await th.client.updateCustomStatus({ emoji: 'coffee', text: '' } as never);
    expect(JSON.parse((await th.client.getMe()).props?.['customStatus'] ?? '{}')).toEqual({
      emoji: 'coffee',
      text: '',
      duration: '',
      expires_at: '0001-01-01T00:00:00Z',
    });
  });

  it('refuses empty, expired and mistyped custom statuses', async () => {
    await expectAppError(th.client.updateCustomStatus({ emoji: '', text: '' } as never), 400, 'api.context.invalid_body_param.app_error');
    await expectAppError(
      th.client.updateCustomStatus({ emoji: 'x', text: 'old', duration: 'one_hour', expires_at: '2001-01-01T00:00:00Z' } as never),
      400,
      'api.context.invalid_body_param.app_error',
    );
    await expectAppError(th.client.updateCustomStatus({ emoji: 'x', text: 't', duration: 'forever', expires_at: later() } as never), 400, 'api.context.invalid_body_param.app_error');
    const response = await rawRequest(th.url, 'PUT', `/api/v4/users/me/status/custom`, { token: th.client.getToken(), body: { emoji: 5 } });
    expectErrorBody(response, 400, 'api.context.invalid_body_param.app_error');
  });

  it('forgets a recent custom status once, then refuses it', async () => {
    const status = { emoji: 'airplane', text: 'Travelling', duration: '', expires_at: '0001-01-01T00:00:00Z' };
    await th.client.updateCustomStatus(status as never);
    expect(await th.client.removeRecentCustomStatus(status as never)).toEqual({ status: 'OK' });
    await expectAppError(th.client.removeRecentCustomStatus(status as never), 400, 'api.custom_status.recent_custom_statuses.delete.app_error');
    const viaDelete = await rawRequest(th.url, 'DELETE', '/api/v4/users/me/status/custom/recent', { token: th.client.getToken(), body: 'nope' });
    expectErrorBody(viaDelete, 400, 'api.context.invalid_body_param.app_error');
  });

  it('lets only the user (or an admin) change a custom status', async () => {
    const other = `/api/v4/users/${th.basicUser2.id}/status/custom`;
    const refused = await rawRequest(th.url, 'PUT', other, { token: th.client.getToken(), body: { emoji: 'x', text: 'hi' } });
    expectErrorBody(refused, 403, 'api.context.permissions.app_error');
    const byAdmin = await rawRequest(th.url, 'PUT', other, { token: th.adminClient.getToken(), body: { emoji: 'x', text: 'hi' } });
    expect(byAdmin.status).toBe(200);
  });

  it('answers 501 when EnableCustomUserStatuses is off', async () => {
    th.updateConfig((c) => {
      c.TeamSettings.EnableCustomUserStatuses = false;
    });
    try {
      await expectAppError(th.client.updateCustomStatus({ emoji: 'x', text: 'y' } as never), 501, 'api.custom_status.disabled');
      await expectAppError(th.client.unsetCustomStatus(), 501, 'api.custom_status.disabled');
      await expectAppError(th.client.removeRecentCustomStatus({ emoji: 'x', text: 'y' } as never), 501, 'api.custom_status.disabled');
    } finally {
      th.updateConfig((c) => {
        c.TeamSettings.EnableCustomUserStatuses = true;
      });
    }
  });
});
