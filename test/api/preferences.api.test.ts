import type { PreferenceType } from '@mattermost/types/preferences';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { rawRequest } from '../helpers/server.js';
import { TestHelper } from '../helpers/test-helper.js';

const INVALID_BODY = 'api.context.invalid_body_param.app_error';

describe('preferences', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
  });
  afterAll(async () => {
    await th.tearDown();
  });

  const pref = (userId: string, category: string, name: string, value: string): PreferenceType => ({ user_id: userId, category, name, value });

  /** A fresh user with a client, so tests do not share preferences. */
  async function freshUser() {
    const { user } = await th.createUser();
    return { user, client: await th.login(user.username) };
  }

  const get = (token: string, path: string) => rawRequest(th.url, 'GET', `/api/v4/users/${path}`, { token });
  const put = (token: string, userId: string, body: unknown) => rawRequest(th.url, 'PUT', `/api/v4/users/${userId}/preferences`, { token, body });

  it('saves, lists, reads by category and name, replaces and deletes', async () => {
    const { user, client } = await freshUser();
    expect(await client.getMyPreferences()).toEqual([]);
    const military = pref(user.id, 'display_settings', 'use_military_time', 'true');
    const collapse = pref(user.id, 'display_settings', 'collapse_previews', 'false');
    const tutorial = pref(user.id, 'tutorial_step', user.id, '999');
    expect(await client.savePreferences(user.id, [military, collapse, tutorial])).toEqual({ status: 'OK' });

    expect(await client.getMyPreferences()).toEqual([collapse, military, tutorial]);
    expect(await client.getUserPreferences(user.id)).toEqual([collapse, military, tutorial]);
    const byCategory = await get(client.getToken(), 'me/preferences/display_settings');
    expect(byCategory.status).toBe(200);
    expect(byCategory.json).toEqual([collapse, military]);
    const byName = await get(client.getToken(), `${user.id}/preferences/display_settings/name/use_military_time`);
    expect(byName.json).toEqual(military);

    await client.savePreferences(user.id, [{ ...military, value: 'false' }]);
    expect((await get(client.getToken(), 'me/preferences/display_settings/name/use_military_time')).json).toEqual({ ...military, value: 'false' });

    expect(await client.deletePreferences(user.id, [military, pref(user.id, 'nothing', 'here', '')])).toEqual({ status: 'OK' });
    expect(await client.getMyPreferences()).toEqual([collapse, tutorial]);
  });

  it('answers 404 for an empty category and 400 for a missing preference, as Mattermost does', async () => {
    const { client } = await freshUser();
    expectErrorBody(await get(client.getToken(), 'me/preferences/display_settings'), 404, 'api.preference.preferences_category.get.app_error');
    expectErrorBody(await get(client.getToken(), 'me/preferences/display_settings/name/use_military_time'), 400, 'app.preference.get.app_error');
  });

  it('checks category and name in the path', async () => {
    const token = th.client.getToken();
    expectErrorBody(await get(token, 'me/preferences/Display'), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await get(token, 'me/preferences/x'), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await get(token, 'me/preferences/display_settings/name/_bad'), 400, 'api.context.invalid_url_param.app_error');
    expectErrorBody(await get(token, 'me/preferences/display-settings'), 404, 'api.context.404.app_error');
    expectErrorBody(await get(token, 'me/preferences/display_settings/name/a.b'), 404, 'api.context.404.app_error');
    expectErrorBody(await get(token, 'nobody/preferences'), 400, 'api.context.invalid_url_param.app_error');
  });

  it('keeps users to their own preferences; admins may act on anyone', async () => {
    const mine = pref(th.basicUser.id, 'display_settings', 'name_format', 'username');
    const theirs = pref(th.basicUser2.id, 'display_settings', 'name_format', 'full_name');
    await expectAppError(th.client.savePreferences(th.basicUser2.id, [theirs]), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.getUserPreferences(th.basicUser2.id), 403, 'api.context.permissions.app_error');
    await expectAppError(th.client.deletePreferences(th.basicUser2.id, [theirs]), 403, 'api.context.permissions.app_error');
    expectErrorBody(await get(th.client.getToken(), `${th.basicUser2.id}/preferences/display_settings`), 403, 'api.context.permissions.app_error');

    // Someone else's preference in one's own list.
    await expectAppError(th.client.savePreferences(th.basicUser.id, [mine, theirs]), 403, 'api.preference.update_preferences.set.app_error');
    await expectAppError(th.client.deletePreferences(th.basicUser.id, [theirs]), 403, 'api.preference.delete_preferences.delete.app_error');
    expect(await th.client.getMyPreferences()).not.toContainEqual(mine);

    expect(await th.adminClient.savePreferences(th.basicUser2.id, [theirs])).toEqual({ status: 'OK' });
    expect(await th.adminClient.getUserPreferences(th.basicUser2.id)).toContainEqual(theirs);
    expect(await th.adminClient.deletePreferences(th.basicUser2.id, [theirs])).toEqual({ status: 'OK' });
  });

  it('lets holders of edit_other_users act on other users but not on system admins', async () => {
    const { user: manager, client } = await freshUser();
    await th.adminClient.updateUserRoles(manager.id, 'system_user system_user_manager');
    await th.changeRolePermissions('system_user_manager', { add: ['edit_other_users'] });
    try {
      const managed = await th.login(manager.username);
      expect(await managed.getUserPreferences(th.basicUser2.id)).toEqual(expect.any(Array));
      await expectAppError(managed.getUserPreferences(th.systemAdminUser.id), 403, 'api.context.permissions.app_error');
    } finally {
      await th.changeRolePermissions('system_user_manager', { remove: ['edit_other_users'] });
    }
    await expectAppError(client.getUserPreferences(th.basicUser2.id), 403, 'api.context.permissions.app_error');
  });

  it('refuses unreadable, empty and oversized lists', async () => {
    const { user, client } = await freshUser();
    const token = client.getToken();
    for (const body of ['not json', '{}', '[]', 'null', '[{"category": 5}]', '"text"', '[1]']) {
      expectErrorBody(await put(token, user.id, body), 400, INVALID_BODY);
    }
    const many = Array.from({ length: 101 }, (_, i) => pref(user.id, 'display_settings', `n${i}`, 'x'));
    await expectAppError(client.savePreferences(user.id, many), 400, INVALID_BODY);
    await expectAppError(client.deletePreferences(user.id, many), 400, INVALID_BODY);
    await expectAppError(client.deletePreferences(user.id, []), 400, INVALID_BODY);
    expect(await client.savePreferences(user.id, many.slice(0, 100))).toEqual({ status: 'OK' });
  });

  it('applies Mattermost’s rules to each preference, saving none when one breaks them', async () => {
    const { user, client } = await freshUser();
    const good = pref(user.id, 'display_settings', 'use_military_time', 'true');
    const cases: Array<[PreferenceType, string]> = [
      [pref(user.id, '', 'x', 'v'), 'model.preference.is_valid.category.app_error'],
      [pref(user.id, 'c'.repeat(33), 'x', 'v'), 'model.preference.is_valid.category.app_error'],
      [pref(user.id, 'display_settings', 'n'.repeat(33), 'v'), 'model.preference.is_valid.name.app_error'],
      [pref(user.id, 'display_settings', 'long', 'v'.repeat(20_001)), 'model.preference.is_valid.value.app_error'],
      [pref(user.id, 'sidebar_settings', 'limit_visible_dms_gms', '41'), 'model.preference.is_valid.limit_visible_dms_gms.app_error'],
      [pref(user.id, 'sidebar_settings', 'limit_visible_dms_gms', 'ten'), 'model.preference.is_valid.limit_visible_dms_gms.app_error'],
    ];
    for (const [bad, id] of cases) await expectAppError(client.savePreferences(user.id, [good, bad]), 400, id);
    expect(await client.getMyPreferences()).toEqual([]);

    const edge = [
      pref(user.id, 'c'.repeat(32), 'n'.repeat(32), 'ü'.repeat(20_000)),
      pref(user.id, 'sidebar_settings', 'limit_visible_dms_gms', '40'),
      pref(user.id, 'display_settings', '', ''),
    ];
    expect(await client.savePreferences(user.id, edge)).toEqual({ status: 'OK' });
    expect(await client.getMyPreferences()).toHaveLength(3);
  });

  it('keeps theme colours valid, as Mattermost stores them', async () => {
    const { user, client } = await freshUser();
    const theme = { sidebarBg: '#123456', buttonBg: 'red', type: 'Custom', image: 'x.png', codeTheme: 'monokai', linkColor: '#abc', count: 3 };
    await client.savePreferences(user.id, [pref(user.id, 'theme', '', JSON.stringify(theme)), pref(user.id, 'theme', 'team1', 'not json')]);
    // Client4 declares one preference where the server sends a list.
    const saved = (await client.getMyPreferences()) as unknown as PreferenceType[];
    const byName = new Map(saved.map((p) => [p.name, p.value]));
    expect(JSON.parse(byName.get('') ?? '')).toEqual({ sidebarBg: '#123456', buttonBg: '#ffffff', type: 'Custom', image: 'x.png', codeTheme: 'monokai', linkColor: '#abc' });
    expect(byName.get('team1')).toBe('null');
  });

  it('refuses to flag posts that do not exist', async () => {
    const { user, client } = await freshUser();
    const flag = pref(user.id, 'flagged_post', 'p'.repeat(26), 'true');
    await expectAppError(client.savePreferences(user.id, [flag]), 400, INVALID_BODY);
    expect(await th.server.app.services.preferences.listFlaggedPostIds(user.id)).toEqual([]);
  });

  it('keeps recent custom statuses in the custom_status preference', async () => {
    const { user, client } = await freshUser();
    const recent = (name = 'recent_custom_statuses') => get(client.getToken(), `me/preferences/custom_status/name/${name}`);
    const status = { emoji: 'palm_tree', text: 'On holiday', duration: '', expires_at: '0001-01-01T00:00:00Z' };
    await expectAppError(client.removeRecentCustomStatus(status as never), 400, 'app.preference.get.app_error');

    await client.updateCustomStatus(status as never);
    await client.updateCustomStatus({ ...status, emoji: 'coffee', text: 'Break' } as never);
    const stored = await recent();
    expect(stored.json).toMatchObject({ user_id: user.id, category: 'custom_status', name: 'recent_custom_statuses' });
    expect(JSON.parse(String(stored.json.value))).toEqual([{ ...status, emoji: 'coffee', text: 'Break' }, status]);

    await client.removeRecentCustomStatus(status as never);
    expect(JSON.parse(String((await recent()).json.value))).toEqual([{ ...status, emoji: 'coffee', text: 'Break' }]);

    // A list the client broke itself cannot be read back.
    await client.savePreferences(user.id, [pref(user.id, 'custom_status', 'recent_custom_statuses', 'broken')]);
    await expectAppError(client.removeRecentCustomStatus(status as never), 400, 'api.unmarshal_error');
  });

  it('erases a user’s preferences with the account', async () => {
    const { user, client } = await freshUser();
    await client.savePreferences(user.id, [pref(user.id, 'display_settings', 'use_military_time', 'true')]);
    await th.withConfig(
      (c) => {
        c.ServiceSettings.EnableAPIUserDeletion = true;
      },
      async () => {
        const response = await rawRequest(th.url, 'DELETE', `/api/v4/users/${user.id}?permanent=true`, { token: th.adminClient.getToken() });
        expect(response.status).toBe(200);
      },
    );
    expect(await th.server.app.services.preferences.findPreference(user.id, 'display_settings', 'use_military_time')).toBeUndefined();
  });
});
