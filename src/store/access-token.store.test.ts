import { describe, expect, it } from 'vitest';
import { makeUserRecord } from '../../test/helpers/fixtures.js';
import { useMigratedStore } from '../../test/helpers/store.js';
import { newId } from '../model/ids.js';
import type { AccessTokenRecord } from './access-token.store.js';

describe('AccessTokenStore', () => {
  const db = useMigratedStore();

  function token(overrides: Partial<AccessTokenRecord> = {}): AccessTokenRecord {
    return { id: newId(), token_hash: newId() + newId(), user_id: newId(), description: 'token', is_active: true, create_at: 1, expires_at: 0, ...overrides };
  }

  it('stores tokens and finds them by id and hash', async () => {
    const t = token({ is_active: false, description: 'ci' });
    await db.store.accessTokens.insert(t);
    expect(await db.store.accessTokens.findById(t.id)).toEqual(t);
    expect(await db.store.accessTokens.findByTokenHash(t.token_hash)).toEqual(t);
    expect(await db.store.accessTokens.findById(newId())).toBeUndefined();
  });

  it('lists a user’s tokens oldest first, with paging, and all tokens', async () => {
    const userId = newId();
    const tokens = [token({ user_id: userId, create_at: 30 }), token({ user_id: userId, create_at: 10 }), token({ user_id: userId, create_at: 20 })];
    for (const t of tokens) await db.store.accessTokens.insert(t);
    const ordered = [...tokens].sort((a, b) => a.create_at - b.create_at).map((t) => t.id);
    expect((await db.store.accessTokens.listForUser(userId, 0, 10)).map((t) => t.id)).toEqual(ordered);
    expect((await db.store.accessTokens.listForUser(userId, 1, 1)).map((t) => t.id)).toEqual([ordered[1]]);
    expect((await db.store.accessTokens.listIdsForUser(userId)).sort()).toEqual([...ordered].sort());
    const all = await db.store.accessTokens.listAll(0, 1000);
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining(ordered));
  });

  it('searches by exact token id, owner id or owner username (Mattermost matches whole values)', async () => {
    const owner = makeUserRecord({ username: `tok_owner${Math.random().toString(36).slice(2, 6)}` });
    const lookalike = makeUserRecord({ username: `tokxowner${Math.random().toString(36).slice(2, 6)}` });
    await db.store.users.insert(owner);
    await db.store.users.insert(lookalike);
    const mine = token({ user_id: owner.id, description: 'deploy_bot' });
    const theirs = token({ user_id: lookalike.id, description: 'deployXbot' });
    await db.store.accessTokens.insert(mine);
    await db.store.accessTokens.insert(theirs);
    expect(await db.store.accessTokens.search('tok_', 10)).toEqual([]);
    expect((await db.store.accessTokens.search(owner.username, 10)).map((t) => t.id)).toEqual([mine.id]);
    expect((await db.store.accessTokens.search(lookalike.id, 10)).map((t) => t.id)).toEqual([theirs.id]);
    expect((await db.store.accessTokens.search(theirs.id, 10)).map((t) => t.id)).toEqual([theirs.id]);
    expect(await db.store.accessTokens.search('%', 10)).toEqual([]);
    expect(await db.store.accessTokens.search('d'.repeat(70_000), 10)).toEqual([]);
  });

  it('disables, enables and deletes', async () => {
    const userId = newId();
    const a = token({ user_id: userId });
    const b = token({ user_id: userId });
    await db.store.accessTokens.insert(a);
    await db.store.accessTokens.insert(b);
    await db.store.accessTokens.setActive(a.id, false);
    expect((await db.store.accessTokens.findById(a.id))?.is_active).toBe(false);
    await db.store.accessTokens.setActive(a.id, true);
    expect((await db.store.accessTokens.findById(a.id))?.is_active).toBe(true);
    await db.store.accessTokens.deleteById(a.id);
    expect(await db.store.accessTokens.findById(a.id)).toBeUndefined();
    await db.store.accessTokens.deleteForUser(userId);
    expect(await db.store.accessTokens.listIdsForUser(userId)).toEqual([]);
  });
});
