import { describe, expect, it } from 'vitest';
import { makeUserRecord } from '../../test/helpers/fixtures.js';
import { useMigratedStore } from '../../test/helpers/store.js';
import type { UserRecord } from '../model/user.js';
import { ConflictError } from './errors.js';
import type { Store } from './store.js';

describe('UserStore', () => {
  const db = useMigratedStore();
  let prefixCounter = 0;
  /** A username prefix no other test uses, so each test sees only its own rows through search. */
  const freshPrefix = () => `p${++prefixCounter}x${Math.random().toString(36).slice(2, 6)}`;

  async function insert(overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
    const user = makeUserRecord(overrides);
    await db.store.users.insert(user);
    return user;
  }

  describe('insert and find', () => {
    it('stores every field and reads it back unchanged', async () => {
      const user = makeUserRecord({
        nickname: 'nick',
        first_name: 'Ünïcode',
        props: { a: '1' },
        notify_props: { email: 'false' },
        timezone: { useAutomaticTimezone: 'false', manualTimezone: 'Europe/Paris', automaticTimezone: '' },
        email_verified: true,
        allow_marketing: true,
        mfa_active: true,
        mfa_secret: 'SECRET',
        mfa_used_timestamps: [1, 2],
        is_bot: true,
        auth_data: 'ext-1',
        remote_id: 'r'.repeat(26),
        last_picture_update: -5,
        failed_attempts: 2,
      });
      await db.store.users.insert(user);
      expect(await db.store.users.findById(user.id)).toEqual(user);
    });

    it('refuses a taken username, email or id with ConflictError', async () => {
      const user = await insert();
      await expect(db.store.users.insert(makeUserRecord({ username: user.username }))).rejects.toBeInstanceOf(ConflictError);
      await expect(db.store.users.insert(makeUserRecord({ email: user.email }))).rejects.toBeInstanceOf(ConflictError);
      await expect(db.store.users.insert(makeUserRecord({ id: user.id }))).rejects.toBeInstanceOf(ConflictError);
    });

    it('finds by username and email whatever their case, and by id lists', async () => {
      const a = await insert();
      const b = await insert();
      expect((await db.store.users.findByUsername(a.username.toUpperCase()))?.id).toBe(a.id);
      expect((await db.store.users.findByEmail(a.email.toUpperCase()))?.id).toBe(a.id);
      expect(await db.store.users.findByUsername('nobody')).toBeUndefined();
      expect(await db.store.users.findById('x'.repeat(26))).toBeUndefined();
      expect((await db.store.users.findByIds([a.id, b.id, a.id, 'x'.repeat(26)])).map((u) => u.id).sort()).toEqual([a.id, b.id].sort());
      expect(await db.store.users.findByIds([])).toEqual([]);
      expect((await db.store.users.findByUsernames([a.username.toUpperCase(), b.username])).map((u) => u.id).sort()).toEqual([a.id, b.id].sort());
      expect(await db.store.users.findByUsernames([])).toEqual([]);
    });
  });

  describe('update', () => {
    it('writes every column and maps duplicates to ConflictError', async () => {
      const a = await insert();
      const b = await insert();
      const changed: UserRecord = { ...a, nickname: 'changed', roles: 'system_user system_admin', props: { x: 'y' }, update_at: a.update_at + 1 };
      await db.store.users.update(changed);
      expect(await db.store.users.findById(a.id)).toEqual(changed);
      await expect(db.store.users.update({ ...b, username: a.username })).rejects.toBeInstanceOf(ConflictError);
      expect((await db.store.users.findById(b.id))?.username).toBe(b.username);
    });

    it('updates single columns', async () => {
      const user = await insert();
      await db.store.users.updateFailedAttempts(user.id, 4);
      await db.store.users.updateLastLogin(user.id, 111);
      await db.store.users.updateLastActivity(user.id, 222);
      await db.store.users.updateLastPictureUpdate(user.id, -333, 444);
      const read = await db.store.users.findById(user.id);
      expect(read).toMatchObject({ failed_attempts: 4, last_login: 111, last_activity_at: 222, last_picture_update: -333, update_at: 444 });
      await db.store.users.permanentDelete(user.id);
      expect(await db.store.users.findById(user.id)).toBeUndefined();
    });
  });

  describe('list and count', () => {
    it('filters by activity, roles, bots, ids and update time', async () => {
      const prefix = freshPrefix();
      const active = await insert({ username: `${prefix}a`, update_at: 1000 });
      const inactive = await insert({ username: `${prefix}b`, delete_at: 5, update_at: 2000 });
      const admin = await insert({ username: `${prefix}c`, roles: 'system_user system_admin', update_at: 3000 });
      const bot = await insert({ username: `${prefix}d`, is_bot: true, update_at: 4000 });
      const ids = [active.id, inactive.id, admin.id, bot.id];
      const names = async (filter: Parameters<Store['users']['list']>[0]) =>
        (await db.store.users.list({ ids, ...filter }, { offset: 0, limit: 100 })).map((u) => u.username);

      expect(await names({})).toEqual([active, inactive, admin, bot].map((u) => u.username));
      expect(await names({ inactive: true })).toEqual([inactive.username]);
      expect(await names({ inactive: false })).toEqual([active.username, admin.username, bot.username]);
      expect(await names({ roles: ['system_admin'] })).toEqual([admin.username]);
      expect(await names({ roles: ['system_user'] })).toEqual([active, inactive, admin, bot].map((u) => u.username));
      expect(await names({ excludeBots: true })).toEqual([active.username, inactive.username, admin.username]);
      expect(await names({ botsOnly: true })).toEqual([bot.username]);
      expect(await names({ updatedSince: 2500 })).toEqual([admin.username, bot.username]);
      expect(await db.store.users.list({ ids: [] }, { offset: 0, limit: 100 })).toEqual([]);
      expect(await db.store.users.count({ ids, inactive: false, excludeBots: true })).toBe(2);
    });

    it('matches role names as whole words, LIKE wildcards included', async () => {
      const prefix = freshPrefix();
      const exact = await insert({ username: `${prefix}a`, roles: 'system_user custom_role' });
      const lookalike = await insert({ username: `${prefix}b`, roles: 'system_user customXrole' });
      const longer = await insert({ username: `${prefix}c`, roles: 'custom_role_two system_user' });
      const ids = [exact.id, lookalike.id, longer.id];
      const found = await db.store.users.list({ ids, roles: ['custom_role'] }, { offset: 0, limit: 10 });
      expect(found.map((u) => u.id)).toEqual([exact.id]);
      expect(await db.store.users.list({ ids, roles: ['custom%'] }, { offset: 0, limit: 10 })).toEqual([]);
    });

    it('pages and sorts', async () => {
      const prefix = freshPrefix();
      const users: UserRecord[] = [];
      for (let i = 0; i < 7; i++) {
        users.push(await insert({ username: `${prefix}${String.fromCharCode(103 - i)}`, create_at: 1000 + i, last_activity_at: i % 3 }));
      }
      const ids = users.map((u) => u.id);
      const byName = [...users].sort((a, b) => a.username.localeCompare(b.username)).map((u) => u.id);
      const page = async (offset: number, limit: number, sort?: 'create_at' | 'last_activity_at') =>
        (await db.store.users.list({ ids }, { offset, limit, ...(sort ? { sort } : {}) })).map((u) => u.id);
      expect(await page(0, 3)).toEqual(byName.slice(0, 3));
      expect(await page(3, 3)).toEqual(byName.slice(3, 6));
      expect(await page(6, 3)).toEqual(byName.slice(6));
      expect(await page(7, 3)).toEqual([]);
      expect(await page(0, 7, 'create_at')).toEqual([...users].reverse().map((u) => u.id));
      const byActivity = [...users].sort((a, b) => b.last_activity_at - a.last_activity_at || a.username.localeCompare(b.username)).map((u) => u.id);
      expect(await page(0, 7, 'last_activity_at')).toEqual(byActivity);
    });
  });

  describe('search', () => {
    const search = (term: string, extra: Partial<Parameters<Store['users']['search']>[0]> = {}) =>
      db.store.users.search({ term, allowEmails: false, allowFullNames: false, limit: 100, ...extra });

    it('matches prefixes of username and nickname, case-insensitively', async () => {
      const prefix = freshPrefix();
      const user = await insert({ username: `${prefix}alpha`, nickname: `${prefix}Nick` });
      expect((await search(prefix.toUpperCase())).map((u) => u.id)).toEqual([user.id]);
      expect((await search(`${prefix}nick`)).map((u) => u.id)).toEqual([user.id]);
      expect((await search(`@${prefix}alp`)).map((u) => u.id)).toEqual([user.id]);
      expect(await search(`${prefix}beta`)).toEqual([]);
      // A prefix, not a substring.
      expect(await search(prefix.slice(1))).toEqual([]);
    });

    it('searches names and emails only when allowed', async () => {
      const prefix = freshPrefix();
      const user = await insert({ username: `${prefix}u`, first_name: `${prefix}First`, last_name: `${prefix}Last`, email: `${prefix}mail@example.com` });
      expect(await search(`${prefix}first`)).toEqual([]);
      expect((await search(`${prefix}first`, { allowFullNames: true })).map((u) => u.id)).toEqual([user.id]);
      expect((await search(`${prefix}last`, { allowFullNames: true })).map((u) => u.id)).toEqual([user.id]);
      expect(await search(`${prefix}mail`)).toEqual([]);
      expect((await search(`${prefix}mail`, { allowEmails: true })).map((u) => u.id)).toEqual([user.id]);
    });

    it('needs every word of the term to match', async () => {
      const prefix = freshPrefix();
      const both = await insert({ username: `${prefix}one`, nickname: 'zebra' });
      await insert({ username: `${prefix}two`, nickname: 'yak' });
      expect((await search(`${prefix} zeb`)).map((u) => u.id)).toEqual([both.id]);
    });

    it('escapes % and _ so they match themselves', async () => {
      const prefix = freshPrefix();
      const underscore = await insert({ username: `${prefix}_under` });
      const plain = await insert({ username: `${prefix}xunder` });
      const percent = await insert({ username: `${prefix}p`, nickname: `${prefix}100%sure` });
      expect((await search(`${prefix}_`)).map((u) => u.id)).toEqual([underscore.id]);
      expect((await search(`${prefix}x`)).map((u) => u.id)).toEqual([plain.id]);
      expect((await search(`${prefix}100%`)).map((u) => u.id)).toEqual([percent.id]);
      expect(await search(`${prefix}%`)).toEqual([]);
      expect(await search('%')).toEqual([]);
      expect(await search('\\')).toEqual([]);
    });

    it('finds nothing, without failing, for words longer than any column', async () => {
      await insert({ username: 'y'.repeat(60) });
      expect(await search('y'.repeat(70_000))).toEqual([]);
      expect(await search(`yy ${'y'.repeat(129)}`, { allowEmails: true })).toEqual([]);
    });

    it('applies filters and the limit', async () => {
      const prefix = freshPrefix();
      for (let i = 0; i < 5; i++) await insert({ username: `${prefix}${i}` });
      const gone = await insert({ username: `${prefix}9`, delete_at: 1 });
      expect(await search(prefix, { limit: 3 })).toHaveLength(3);
      expect((await search(prefix, { inactive: false })).map((u) => u.id)).not.toContain(gone.id);
      expect((await search(prefix, { inactive: true })).map((u) => u.id)).toEqual([gone.id]);
    });
  });
});
