import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestHelper } from '../helpers/test-helper.js';
import { connectedSocket, drain, type TestSocket } from '../helpers/websocket.js';

describe('preference events', () => {
  let th: TestHelper;
  let basic: TestSocket;
  let basic2: TestSocket;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    basic = await connectedSocket(th, th.client.getToken());
    basic2 = await connectedSocket(th, th.client2.getToken());
  });
  afterAll(async () => {
    await Promise.all([basic.close(), basic2.close()]);
    await th.tearDown();
  });
  beforeEach(async () => {
    await drain(th, [basic, basic2]);
  });

  const since = (socket: TestSocket, from: number, name: string) => socket.messages.slice(from).filter((m) => m.event === name);

  it('sends preferences_changed and preferences_deleted to the user only, preferences as a JSON string', async () => {
    const [b, c] = [basic.messages.length, basic2.messages.length];
    const saved = [
      { user_id: th.basicUser.id, category: 'display_settings', name: 'use_military_time', value: 'true' },
      { user_id: th.basicUser.id, category: 'theme', name: '', value: '{"sidebarBg":"nope"}' },
    ];
    await th.client.savePreferences(th.basicUser.id, saved);
    await th.client.deletePreferences(th.basicUser.id, [saved[0]!]);
    await drain(th, [basic, basic2]);

    const changed = since(basic, b, 'preferences_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.broadcast).toMatchObject({ user_id: th.basicUser.id, channel_id: '', team_id: '' });
    // The theme arrives as stored, its colours made valid.
    expect(JSON.parse(String(changed[0]?.data.preferences))).toEqual([saved[0], { ...saved[1], value: '{"sidebarBg":"#ffffff"}' }]);
    const deleted = since(basic, b, 'preferences_deleted');
    expect(deleted).toHaveLength(1);
    expect(JSON.parse(String(deleted[0]?.data.preferences))).toEqual([saved[0]]);

    expect(since(basic2, c, 'preferences_changed')).toEqual([]);
    expect(since(basic2, c, 'preferences_deleted')).toEqual([]);
  });

  it('sends nothing for a refused save', async () => {
    const from = basic.messages.length;
    const bad = { user_id: th.basicUser.id, category: '', name: 'x', value: '' };
    await expect(th.client.savePreferences(th.basicUser.id, [bad])).rejects.toMatchObject({ status_code: 400 });
    await drain(th, [basic]);
    expect(since(basic, from, 'preferences_changed')).toEqual([]);
  });

  it('announces the recent custom statuses when a custom status is set', async () => {
    const from = basic2.messages.length;
    await th.client2.updateCustomStatus({ emoji: 'coffee', text: 'Break', duration: '', expires_at: '0001-01-01T00:00:00Z' } as never);
    const event = await basic2.waitForEvent('preferences_changed', (m) => String(m.data.preferences).includes('recent_custom_statuses'));
    expect(basic2.messages.indexOf(event)).toBeGreaterThanOrEqual(from);
    expect(JSON.parse(String(event.data.preferences))).toEqual([
      {
        user_id: th.basicUser2.id,
        category: 'custom_status',
        name: 'recent_custom_statuses',
        value: '[{"emoji":"coffee","text":"Break","duration":"","expires_at":"0001-01-01T00:00:00Z"}]',
      },
    ]);
  });
});
