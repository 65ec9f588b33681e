import { sql } from 'kysely';

/**
 * Whose profiles a caller without view_members may see (Mattermost's ViewUsersRestrictions):
 * members of these teams, and members of these channels. Undefined means no restriction.
 */
export interface MemberVisibility {
  teamIds: readonly string[];
  channelIds?: readonly string[];
}

function ids(values: readonly string[]) {
  return sql.join(values.map((id) => sql.val(id)));
}

/** The user in `userIdColumn` is a live member of one of the visible teams or a member of one of the visible channels. */
export function visibleUserClause(userIdColumn: string, visibility: MemberVisibility) {
  const user = sql.ref(userIdColumn);
  const parts = [];
  if (visibility.teamIds.length) {
    parts.push(sql`exists (select 1 from team_members vtm where vtm.user_id = ${user} and vtm.delete_at = 0 and vtm.team_id in (${ids(visibility.teamIds)}))`);
  }
  if (visibility.channelIds?.length) {
    parts.push(sql`exists (select 1 from channel_members vcm where vcm.user_id = ${user} and vcm.channel_id in (${ids(visibility.channelIds)}))`);
  }
  if (parts.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
