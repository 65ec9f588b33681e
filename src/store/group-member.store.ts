import type { Kysely, Selectable } from 'kysely';
import type { GroupMember } from '../model/group.js';
import type { UserRecord } from '../model/user.js';
import type { DB } from './schema.js';
import type { GroupMembersTable } from './tables/groups.tables.js';
import { toUserRecord } from './user.store.js';

function toMember(row: Selectable<GroupMembersTable>): GroupMember {
  return { group_id: row.group_id, user_id: row.user_id, create_at: row.create_at, delete_at: row.delete_at };
}

/**
 * Group memberships. A member who leaves keeps a row with `delete_at` set, as in Mattermost; adding
 * them again revives it. Counts and listings see current members with active accounts only.
 */
export class GroupMemberStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** Adds (or revives) memberships, all with the same time. */
  async upsert(groupId: string, userIds: readonly string[], at: number): Promise<GroupMember[]> {
    if (userIds.length === 0) return [];
    const rows = userIds.map((userId) => ({ group_id: groupId, user_id: userId, create_at: at, delete_at: 0 }));
    await this.db
      .insertInto('group_members')
      .values(rows)
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ create_at: at, delete_at: 0 }))
      .execute();
    return rows.map(toMember);
  }

  /** The current memberships of these users in the group. */
  async findCurrent(groupId: string, userIds: readonly string[]): Promise<GroupMember[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('group_members')
      .selectAll()
      .where('group_id', '=', groupId)
      .where('user_id', 'in', [...userIds])
      .where('delete_at', '=', 0)
      .execute();
    return rows.map(toMember);
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return (await this.findCurrent(groupId, [userId])).length > 0;
  }

  async remove(groupId: string, userIds: readonly string[], at: number): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .updateTable('group_members')
      .set({ delete_at: at })
      .where('group_id', '=', groupId)
      .where('user_id', 'in', [...userIds])
      .execute();
  }

  /** Current members with active accounts, per group (groups without any are left out). */
  async countByGroup(groupIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (groupIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', (eb) => eb.fn.count<number>('m.user_id').distinct().as('n')])
      .where('m.group_id', 'in', [...groupIds])
      .where('m.delete_at', '=', 0)
      .where('u.delete_at', '=', 0)
      .groupBy('m.group_id')
      .execute();
    for (const row of rows) counts.set(row.group_id, Number(row.n));
    return counts;
  }

  /** Current members of each group who are also members of the channel. */
  async countInChannelByGroup(channelId: string, groupIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (groupIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('group_members as m')
      .innerJoin('channel_members as cm', (join) => join.onRef('cm.user_id', '=', 'm.user_id').on('cm.channel_id', '=', channelId))
      .select(['m.group_id', (eb) => eb.fn.count<number>('m.user_id').distinct().as('n')])
      .where('m.group_id', 'in', [...groupIds])
      .where('m.delete_at', '=', 0)
      .groupBy('m.group_id')
      .execute();
    for (const row of rows) counts.set(row.group_id, Number(row.n));
    return counts;
  }

  /** A page of the group's current members with active accounts, by username. */
  async listUsers(groupId: string, offset: number, limit: number): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .selectAll('u')
      .where('m.group_id', '=', groupId)
      .where('m.delete_at', '=', 0)
      .where('u.delete_at', '=', 0)
      .orderBy('u.username')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toUserRecord);
  }

  /** Ids of current members with active accounts, per group. */
  async listUserIdsByGroup(groupIds: readonly string[]): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>();
    if (groupIds.length === 0) return ids;
    const rows = await this.db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'm.user_id'])
      .where('m.group_id', 'in', [...groupIds])
      .where('m.delete_at', '=', 0)
      .where('u.delete_at', '=', 0)
      .orderBy('u.username')
      .execute();
    for (const row of rows) ids.set(row.group_id, [...(ids.get(row.group_id) ?? []), row.user_id]);
    return ids;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('group_members').where('user_id', '=', userId).execute();
  }
}
