import { describe, expect, it } from 'vitest';
import { useMigratedStore } from '../../test/helpers/store.js';
import type { Emoji } from '../model/emoji.js';
import { newId } from '../model/ids.js';
import { ConflictError } from './errors.js';

describe('EmojiStore', () => {
  const db = useMigratedStore();
  let clock = 1_000;
  const emoji = (name: string, overrides: Partial<Emoji> = {}): Emoji => {
    clock += 1;
    return { id: newId(), create_at: clock, update_at: clock, delete_at: 0, creator_id: newId(), name, ...overrides };
  };

  it('stores emoji and finds live ones by id, name and names', async () => {
    const party = emoji('store_party');
    await db.store.emoji.insert(party);
    expect(await db.store.emoji.findById(party.id)).toEqual(party);
    expect(await db.store.emoji.findByName('store_party')).toEqual(party);
    expect(await db.store.emoji.findByName('STORE_PARTY')).toBeUndefined();
    expect(await db.store.emoji.findByNames(['store_party', 'nothing'])).toEqual([party]);
    expect(await db.store.emoji.findByNames([])).toEqual([]);
  });

  it('refuses a second live emoji of the same name, but not after a deletion', async () => {
    const first = emoji('store_dup');
    await db.store.emoji.insert(first);
    await expect(db.store.emoji.insert(emoji('store_dup'))).rejects.toBeInstanceOf(ConflictError);
    expect(await db.store.emoji.softDelete(first.id, 5_000)).toBe(true);
    expect(await db.store.emoji.softDelete(first.id, 6_000)).toBe(false);
    expect(await db.store.emoji.findById(first.id)).toBeUndefined();
    const second = emoji('store_dup');
    await db.store.emoji.insert(second);
    expect(await db.store.emoji.findByName('store_dup')).toEqual(second);
  });

  it('lists pages oldest first or by name, without deleted emoji', async () => {
    const names = ['list_c', 'list_a', 'list_b'];
    const created: Emoji[] = [];
    for (const name of names) {
      const e = emoji(name);
      await db.store.emoji.insert(e);
      created.push(e);
    }
    const gone = emoji('list_0');
    await db.store.emoji.insert(gone);
    await db.store.emoji.softDelete(gone.id, clock);
    const mine = (list: Emoji[]) => list.map((e) => e.name).filter((n) => n.startsWith('list_'));
    expect(mine(await db.store.emoji.list(0, 200, ''))).toEqual(names);
    expect(mine(await db.store.emoji.list(0, 200, 'name'))).toEqual(['list_a', 'list_b', 'list_c']);
    const all = await db.store.emoji.list(0, 200, 'name');
    const page = await db.store.emoji.list(1, 2, 'name');
    expect(page).toEqual(all.slice(1, 3));
  });

  it('searches by prefix or anywhere in the name, ignoring case, wildcards taken literally', async () => {
    for (const name of ['Search_Alpha', 'search_beta', 'xsearch', 'searchxgamma']) await db.store.emoji.insert(emoji(name));
    const names = async (term: string, prefixOnly: boolean, limit = 200) => (await db.store.emoji.search(term, prefixOnly, limit)).map((e) => e.name);
    expect(await names('search_', true)).toEqual(['Search_Alpha', 'search_beta']);
    expect(await names('SEARCH', false)).toEqual(['Search_Alpha', 'search_beta', 'searchxgamma', 'xsearch']);
    expect(await names('search', true, 2)).toEqual(['Search_Alpha', 'search_beta']);
    expect(await names('%', false)).toEqual([]);
    expect(await names('x'.repeat(70_000), false)).toEqual([]);
  });
});
