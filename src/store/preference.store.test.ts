import { describe, expect, it } from 'vitest';
import { useMigratedStore } from '../../test/helpers/store.js';
import { newId } from '../model/ids.js';
import type { Preference } from '../model/preference.js';

describe('PreferenceStore', () => {
  const db = useMigratedStore();
  const pref = (userId: string, category: string, name: string, value: string): Preference => ({ user_id: userId, category, name, value });

  it('inserts, replaces and reads preferences by user, category and name', async () => {
    const userId = newId();
    await db.store.preferences.upsert([pref(userId, 'display_settings', 'use_military_time', 'false'), pref(userId, 'theme', '', '{}')]);
    await db.store.preferences.upsert([pref(userId, 'display_settings', 'use_military_time', 'true'), pref(newId(), 'theme', '', '{}')]);
    expect(await db.store.preferences.listForUser(userId)).toEqual([
      pref(userId, 'display_settings', 'use_military_time', 'true'),
      pref(userId, 'theme', '', '{}'),
    ]);
    expect(await db.store.preferences.listCategory(userId, 'theme')).toEqual([pref(userId, 'theme', '', '{}')]);
    expect(await db.store.preferences.find(userId, 'display_settings', 'use_military_time')).toEqual(pref(userId, 'display_settings', 'use_military_time', 'true'));
    expect(await db.store.preferences.find(userId, 'display_settings', 'nothing')).toBeUndefined();
    expect(await db.store.preferences.listForUser(newId())).toEqual([]);
  });

  it('keeps long values whole', async () => {
    const userId = newId();
    const value = 'ü'.repeat(20_000);
    await db.store.preferences.upsert([pref(userId, 'custom', 'long', value)]);
    expect((await db.store.preferences.find(userId, 'custom', 'long'))?.value).toBe(value);
  });

  it('deletes one preference, a post’s flags of every user, and all of a user’s', async () => {
    const [alice, bob] = [newId(), newId()];
    const postId = newId();
    await db.store.preferences.upsert([pref(alice, 'flagged_post', postId, 'true'), pref(alice, 'a', 'b', 'c'), pref(alice, 'a', 'd', 'e')]);
    await db.store.preferences.upsert([pref(bob, 'flagged_post', postId, 'true'), pref(bob, 'flagged_post', newId(), 'true')]);
    await db.store.preferences.delete(alice, 'a', 'b');
    expect((await db.store.preferences.listForUser(alice)).map((p) => p.name)).toEqual(['d', postId]);
    await db.store.preferences.deleteCategoryAndName('flagged_post', postId);
    expect(await db.store.preferences.listCategory(alice, 'flagged_post')).toEqual([]);
    expect(await db.store.preferences.listCategory(bob, 'flagged_post')).toHaveLength(1);
    await db.store.preferences.deleteForUser(bob);
    expect(await db.store.preferences.listForUser(bob)).toEqual([]);
    expect(await db.store.preferences.listForUser(alice)).toHaveLength(1);
  });
});
