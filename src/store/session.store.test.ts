import { describe, expect, it } from 'vitest';
import { makeSessionRecord } from '../../test/helpers/fixtures.js';
import { useMigratedStore } from '../../test/helpers/store.js';
import { newId } from '../model/ids.js';

describe('SessionStore', () => {
  const db = useMigratedStore();

  it('stores a session and finds it by token hash and id', async () => {
    const session = makeSessionRecord({ device_id: 'ios:1', is_oauth: true, props: { csrf: 'c', platform: 'Linux' }, access_token_id: newId() });
    await db.store.sessions.insert(session);
    expect(await db.store.sessions.findByTokenHash(session.token_hash)).toEqual(session);
    expect(await db.store.sessions.findById(session.id)).toEqual(session);
    expect(await db.store.sessions.findByTokenHash('unknown')).toBeUndefined();
  });

  it('refuses a second session with the same token hash', async () => {
    const session = makeSessionRecord();
    await db.store.sessions.insert(session);
    await expect(db.store.sessions.insert(makeSessionRecord({ token_hash: session.token_hash }))).rejects.toThrow();
  });

  it('lists a user’s sessions, most recently active first', async () => {
    const userId = newId();
    const older = makeSessionRecord({ user_id: userId, last_activity_at: 100 });
    const newer = makeSessionRecord({ user_id: userId, last_activity_at: 200 });
    await db.store.sessions.insert(older);
    await db.store.sessions.insert(newer);
    await db.store.sessions.insert(makeSessionRecord());
    expect((await db.store.sessions.listForUser(userId)).map((s) => s.id)).toEqual([newer.id, older.id]);
    expect((await db.store.sessions.listKeysForUser(userId)).map((k) => k.token_hash).sort()).toEqual([older.token_hash, newer.token_hash].sort());
  });

  it('updates activity, device, roles and props', async () => {
    const session = makeSessionRecord();
    await db.store.sessions.insert(session);
    await db.store.sessions.updateActivity(session.id, 500, 600);
    await db.store.sessions.updateDevice(session.id, 'android:2', 700);
    await db.store.sessions.updateRolesForUser(session.user_id, 'system_user system_admin');
    await db.store.sessions.updateProps(session.id, { csrf: 'x', extra: 'y' });
    expect(await db.store.sessions.findById(session.id)).toEqual({
      ...session,
      last_activity_at: 500,
      expires_at: 700,
      device_id: 'android:2',
      roles: 'system_user system_admin',
      props: { csrf: 'x', extra: 'y' },
    });
  });

  it('deletes by id, by user (optionally keeping one), by device and by access token', async () => {
    const userId = newId();
    const [a, b, c] = [makeSessionRecord({ user_id: userId }), makeSessionRecord({ user_id: userId }), makeSessionRecord({ user_id: userId })];
    for (const s of [a, b, c]) await db.store.sessions.insert(s);
    await db.store.sessions.deleteById(a.id);
    expect(await db.store.sessions.findById(a.id)).toBeUndefined();
    await db.store.sessions.deleteForUser(userId, c.id);
    expect((await db.store.sessions.listForUser(userId)).map((s) => s.id)).toEqual([c.id]);
    await db.store.sessions.deleteForUser(userId);
    expect(await db.store.sessions.listForUser(userId)).toEqual([]);

    const device = makeSessionRecord({ user_id: userId, device_id: 'dev' });
    const otherUserSameDevice = makeSessionRecord({ device_id: 'dev' });
    await db.store.sessions.insert(device);
    await db.store.sessions.insert(otherUserSameDevice);
    expect(await db.store.sessions.deleteByDevice(userId, 'dev')).toEqual([{ id: device.id, token_hash: device.token_hash }]);
    expect(await db.store.sessions.findById(otherUserSameDevice.id)).toBeDefined();
    expect(await db.store.sessions.deleteByDevice(userId, 'dev')).toEqual([]);

    const tokenId = newId();
    const forToken = makeSessionRecord({ access_token_id: tokenId });
    await db.store.sessions.insert(forToken);
    expect(await db.store.sessions.deleteByAccessToken(tokenId)).toEqual([{ id: forToken.id, token_hash: forToken.token_hash }]);
    expect(await db.store.sessions.findById(forToken.id)).toBeUndefined();
  });

  it('deletes expired sessions but never those without expiry', async () => {
    const userId = newId();
    const expired = makeSessionRecord({ user_id: userId, expires_at: 1_000 });
    const live = makeSessionRecord({ user_id: userId, expires_at: 10_000 });
    const forever = makeSessionRecord({ user_id: userId, expires_at: 0 });
    for (const s of [expired, live, forever]) await db.store.sessions.insert(s);
    expect(await db.store.sessions.deleteExpired(5_000)).toBeGreaterThanOrEqual(1);
    expect((await db.store.sessions.listForUser(userId)).map((s) => s.id).sort()).toEqual([live.id, forever.id].sort());
  });
});
