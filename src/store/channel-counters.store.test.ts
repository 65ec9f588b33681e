import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { newChannelMemberRecord, newChannelRecord, type ChannelRecord } from '../model/channel.js';
import { newId } from '../model/ids.js';
import { migrateToLatest } from './migrate.js';
import { Store } from './store.js';

function channelRecord(now: number): ChannelRecord {
  return newChannelRecord({ id: newId(), team_id: newId(), type: 'O', name: `counters-${newId().slice(0, 8)}`, display_name: 'Counters' }, now);
}

async function addMember(store: Store, channelId: string, userId: string): Promise<void> {
  await store.channelMembers.insert(newChannelMemberRecord(channelId, userId, { guest: false, admin: false }, 0));
}

describe('channel counters under concurrent updates', () => {
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateToLatest(db.database.db);
    store = new Store(db.database.db, db.database.dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('counts 20 concurrent posts exactly and keeps the latest post times', async () => {
    const channel = channelRecord(1_000);
    await store.channels.insert(channel);
    const times = Array.from({ length: 20 }, (_, i) => 2_000 + ((i * 7) % 20));
    await Promise.all(times.map((createAt, i) => store.channels.incrementPostCounts(channel.id, { isRoot: i % 2 === 0, createAt })));
    const saved = await store.channels.findById(channel.id);
    expect(saved).toMatchObject({
      total_msg_count: 20,
      total_msg_count_root: 10,
      last_post_at: Math.max(...times),
      last_root_post_at: Math.max(...times.filter((_, i) => i % 2 === 0)),
    });
  });

  it('counts 20 concurrent mentions of the same members exactly', async () => {
    const channel = channelRecord(1_000);
    await store.channels.insert(channel);
    const [alice, bob, carol] = [newId(), newId(), newId()];
    for (const user of [alice, bob, carol]) await addMember(store, channel.id, user);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.channelMembers.incrementMentionCounts(channel.id, [alice, bob], { isRoot: i < 5, urgent: i === 0, at: 3_000 + i }),
      ),
    );
    for (const user of [alice, bob]) {
      expect(await store.channelMembers.find(channel.id, user)).toMatchObject({ mention_count: 20, mention_count_root: 5, urgent_mention_count: 1 });
    }
    expect(await store.channelMembers.find(channel.id, carol)).toMatchObject({ mention_count: 0 });
  });

  it('never lets a view run a member past the channel while posts arrive', async () => {
    const channel = channelRecord(1_000);
    await store.channels.insert(channel);
    const reader = newId();
    await addMember(store, channel.id, reader);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 4 === 3 ? store.channelMembers.markViewed([channel.id], reader, 5_000 + i) : store.channels.incrementPostCounts(channel.id, { isRoot: true, createAt: 4_000 + i }),
      ),
    );
    const before = await store.channelMembers.find(channel.id, reader);
    const total = (await store.channels.findById(channel.id))?.total_msg_count ?? -1;
    expect(total).toBe(15);
    expect(before?.msg_count).toBeLessThanOrEqual(total);
    await store.channelMembers.markViewed([channel.id], reader, 6_000);
    expect(await store.channelMembers.find(channel.id, reader)).toMatchObject({ msg_count: 15, msg_count_root: 15, mention_count: 0, last_viewed_at: 4_018 });
    expect(await store.channelMembers.unreads(reader, { channelId: channel.id })).toMatchObject([{ msg_count: 0, msg_count_root: 0 }]);
  });
});
