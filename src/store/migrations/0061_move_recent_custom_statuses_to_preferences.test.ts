import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useMigratedStore } from '../../../test/helpers/store.js';
import { newId } from '../../model/ids.js';
import { down, up } from './0061_move_recent_custom_statuses_to_preferences.js';

describe('moving recent custom statuses to preferences', () => {
  const db = useMigratedStore();

  it('turns each user’s list into the custom_status/recent_custom_statuses preference, and back', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table exists only before this migration
    const kysely = db.database.database.db as unknown as Kysely<any>;
    const userId = newId();
    const statuses = JSON.stringify([{ emoji: 'palm_tree', text: 'Away', duration: '', expires_at: '0001-01-01T00:00:00Z' }]);
    await down(kysely);
    await kysely.insertInto('recent_custom_statuses').values({ user_id: userId, statuses }).execute();
    await up(kysely);
    expect(await db.store.preferences.listForUser(userId)).toEqual([{ user_id: userId, category: 'custom_status', name: 'recent_custom_statuses', value: statuses }]);
    await down(kysely);
    expect(await kysely.selectFrom('recent_custom_statuses').selectAll().execute()).toEqual([{ user_id: userId, statuses }]);
    expect(await db.store.preferences.listForUser(userId)).toEqual([]);
    await up(kysely);
  });
});
