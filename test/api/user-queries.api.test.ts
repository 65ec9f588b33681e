import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { expectAppError, expectErrorBody } from '../helpers/errors.js';
import { makeUserRecord } from '../helpers/fixtures.js';
import { rawRequest } from '../helpers/server.js';
import { DEFAULT_PASSWORD, TestHelper, uniqueName } from '../helpers/test-helper.js';

const SEEDED = 205;

describe('user listings, lookups and profile changes', () => {
  let th: TestHelper;

  beforeAll(async () => {
    th = await (await TestHelper.setup()).initBasic();
    // Enough accounts to pass the 200 per-page cap, written straight to the store (no bcrypt).
    const { db, dialect } = th.server.app.database;
    const store = new Store(db, dialect);
    for (let i = 0; i < SEEDED; i++) await store.users.insert(makeUserRecord({ username: `zseed${String(i).padStart(3, '0')}` }));
  });
  afterAll(async () => {
    await th.tearDown();
  });

  async function allUsernames(): Promise<string[]> {
    const names: string[] = [];
    for (let page = 0; ; page++) {
      const batch = await th.adminClient.getProfiles(page, 200);
      names.push(...batch.map((u) => u.username));
      if (batch.length < 200) return names;
    }
  }

  describe('GET /users', () => {
    it('pages in username order with exact slices', async () => {
      const all = await allUsernames();
      expect(all.length).toBeGreaterThanOrEqual(SEEDED + 3);
      expect([...all].sort()).toEqual(all);
      expect(new Set(all).size).toBe(all.length);
      const page = await th.client.getProfiles(3, 7);
      expect(page.map((u) => u.username)).toEqual(all.slice(21, 28));
      const last = await th.client.getProfiles(Math.floor(all.length / 50), 50);
      expect(last.map((u) => u.username)).toEqual(all.slice(Math.floor(all.length / 50) * 50));
      expect(await th.client.getProfiles(1000, 50)).toEqual([]);
    });

    it('caps per_page at 200 and falls back to defaults for junk paging values', async () => {
      expect(await th.client.getProfiles(0, 1000)).toHaveLength(200);
      const junk = await rawRequest(th.url, 'GET', '/api/v4/users?page=-4&per_page=abc', { token: th.client.getToken() });
      expect(junk.status).toBe(200);
      expect(junk.json).toHaveLength(60);
    });

    it('filters by active, inactive and role', async () => {
      const { user } = await th.createUser();
      await th.adminClient.updateUserActive(user.id, false);
      const inactive = await th.adminClient.getProfiles(0, 200, { inactive: true });
      expect(inactive.map((u) => u.id)).toEqual([user.id]);
      expect(inactive[0]?.delete_at).toBeGreaterThan(0);
      const active: UserProfile[] = [];
      for (let page = 0; ; page++) {
        const batch = await th.adminClient.getProfiles(page, 200, { active: true });
        active.push(...batch);
        if (batch.length < 200) break;
      }
      expect(active.some((u) => u.id === user.id)).toBe(false);
      expect(active.every((u) => u.delete_at === 0)).toBe(true);
      const admins = await th.client.getProfiles(0, 200, { role: 'system_admin' });
      expect(admins.map((u) => u.id)).toEqual([th.systemAdminUser.id]);
      const adminsByList = await th.client.getProfiles(0, 200, { roles: 'system_admin' });
      expect(adminsByList.map((u) => u.id)).toEqual([th.systemAdminUser.id]);
    });

    it('refuses unknown sort orders', async () => {
      expectErrorBody(await rawRequest(th.url, 'GET', '/api/v4/users?sort=nonsense', { token: th.client.getToken() }), 400, 'api.context.invalid_url_param.app_error');
    });
  });

  describe('lookups', () => {
    it('gets users by ids and by usernames', async () => {
      const byIds = await th.client.getProfilesByIds([th.basicUser.id, th.basicUser2.id, 'a'.repeat(26)]);
      expect(byIds.map((u) => u.id).sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
      const byNames = await th.client.getProfilesByUsernames([th.basicUser.username, th.basicUser2.username.toUpperCase(), 'nobody-here']);
      expect(byNames.map((u) => u.id).sort()).toEqual([th.basicUser.id, th.basicUser2.id].sort());
      await expectAppError(th.client.getProfilesByIds([]), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(th.client.getProfilesByIds(['not-an-id']), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(th.client.getProfilesByUsernames([]), 400, 'api.context.invalid_body_param.app_error');
    });

    it('gets users by username and by email', async () => {
      expect((await th.client.getUserByUsername(th.basicUser2.username)).id).toBe(th.basicUser2.id);
      expect((await th.client.getUserByEmail(th.basicUser2.email)).id).toBe(th.basicUser2.id);
      await expectAppError(th.client.getUserByUsername('nobody-here'), 404, 'app.user.get_by_username.app_error');
      await expectAppError(th.client.getUserByEmail('nobody@example.com'), 404, 'app.user.missing_account.const');
    });
  });

  describe('search and autocomplete', () => {
    it('searches by prefix of username, names and nickname', async () => {
      const stem = uniqueName('srch');
      const { user } = await th.createUser({ username: `${stem}alpha`, first_name: 'Gwendolyn', nickname: 'wendy' });
      expect((await th.client.searchUsers(stem, {})).map((u) => u.id)).toEqual([user.id]);
      expect((await th.client.searchUsers('gwendol', {})).map((u) => u.id)).toEqual([user.id]);
      expect((await th.client.searchUsers('WENDY', {})).map((u) => u.id)).toEqual([user.id]);
      expect(await th.client.searchUsers(`${stem}beta`, {})).toEqual([]);
      expect((await th.client.searchUsers(`@${stem}`, {})).map((u) => u.id)).toEqual([user.id]);
    });

    it('treats LIKE wildcards in the term literally', async () => {
      const stem = uniqueName('wc');
      const { user: underscored } = await th.createUser({ username: `${stem}_x` });
      await th.createUser({ username: `${stem}ax` });
      expect((await th.client.searchUsers(`${stem}_`, {})).map((u) => u.id)).toEqual([underscored.id]);
      expect(await th.client.searchUsers('%', {})).toEqual([]);
      expect(await th.client.searchUsers(`${stem}%`, {})).toEqual([]);
    });

    it('leaves out deactivated users unless asked', async () => {
      const stem = uniqueName('gone');
      const { user } = await th.createUser({ username: stem });
      await th.adminClient.updateUserActive(user.id, false);
      expect(await th.client.searchUsers(stem, {})).toEqual([]);
      expect((await th.adminClient.searchUsers(stem, { allow_inactive: true })).map((u) => u.id)).toEqual([user.id]);
    });

    it('refuses an empty term and out-of-range limits', async () => {
      await expectAppError(th.client.searchUsers('', {}), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(th.client.searchUsers('a', { limit: 0 }), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(th.client.searchUsers('a', { limit: 1001 }), 400, 'api.context.invalid_body_param.app_error');
    });

    it('autocompletes by name prefix', async () => {
      const stem = uniqueName('auto');
      const { user } = await th.createUser({ username: `${stem}one` });
      const result = await th.client.autocompleteUsers(stem, '', '', { limit: 10 });
      expect(result.users.map((u) => u.id)).toEqual([user.id]);
      const limited = await th.client.autocompleteUsers('zseed', '', '', { limit: 5 });
      expect(limited.users).toHaveLength(5);
    });
  });

  describe('privacy', () => {
    it('hides other users’ emails and full names when the settings say so, but not from admins', async () => {
      const { user } = await th.createUser({ first_name: 'Private', last_name: 'Person' });
      await th.withConfig(
        (c) => {
          c.PrivacySettings.ShowEmailAddress = false;
          c.PrivacySettings.ShowFullName = false;
        },
        async () => {
          const seen = await th.client.getUser(user.id);
          expect(seen.email).toBe('');
          expect(seen.first_name).toBe('');
          expect(seen.last_name).toBe('');
          const listed = (await th.client.getProfilesByIds([user.id]))[0];
          expect(listed?.email).toBe('');
          const asAdmin = await th.adminClient.getUser(user.id);
          expect(asAdmin.email).toBe(user.email);
          expect(asAdmin.first_name).toBe('Private');
          expect((await th.client.getMe()).email).toBe(th.basicUser.email);
          await expectAppError(th.client.getUserByEmail(user.email), 403, 'api.user.get_user_by_email.permissions.app_error');
          expect((await th.adminClient.getUserByEmail(user.email)).id).toBe(user.id);
          // Searching by email must not reveal addresses that are hidden.
          expect(await th.client.searchUsers(user.email, {})).toEqual([]);
        },
      );
    });
  });

  describe('profile changes', () => {
    it('patches oneself and, as an admin, others', async () => {
      const { user } = await th.createUser();
      const client = await th.login(user.username);
      const patched = await client.patchMe({ nickname: 'Nick', position: 'Tester', first_name: 'Ada' });
      expect([patched.nickname, patched.position, patched.first_name]).toEqual(['Nick', 'Tester', 'Ada']);
      expect(patched.update_at).toBeGreaterThanOrEqual(patched.create_at);
      const byAdmin = await th.adminClient.patchUser({ id: user.id, last_name: 'Lovelace' });
      expect(byAdmin.last_name).toBe('Lovelace');
      expect(byAdmin.nickname).toBe('Nick');
    });

    it('needs the current password to change one’s own email', async () => {
      const { user } = await th.createUser();
      const client = await th.login(user.username);
      await expectAppError(client.patchMe({ email: `${uniqueName()}@example.com` }), 400, 'api.context.invalid_body_param.app_error');
      await expectAppError(client.patchMe({ email: `${uniqueName()}@example.com`, password: 'wrong-password' }), 401, 'api.user.check_user_password.invalid.app_error');
      const email = `${uniqueName()}@example.com`;
      expect((await client.patchMe({ email, password: DEFAULT_PASSWORD })).email).toBe(email);
    });

    it('validates patched fields with Mattermost’s ids', async () => {
      await expectAppError(th.client.patchMe({ username: 'Not Valid!' }), 400, 'model.user.is_valid.username.app_error');
      await expectAppError(th.client.patchMe({ position: 'p'.repeat(129) }), 400, 'model.user.is_valid.position.app_error');
      await expectAppError(th.client.patchMe({ nickname: 'n'.repeat(65) }), 400, 'model.user.is_valid.nickname.app_error');
      await expectAppError(th.client.patchMe({ username: th.basicUser2.username }), 400, 'app.user.save.username_exists.app_error');
    });
  });
});
