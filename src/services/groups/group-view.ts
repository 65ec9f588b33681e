import type { Group, GroupRecord } from '../../model/group.js';
import type { Store } from '../../store/store.js';
import { toWireGroup } from './group-rules.js';

export interface GroupViewOptions {
  includeMemberCount: boolean;
  includeMemberIds: boolean;
}

/** The groups' JSON with the member counts and ids asked for (one query each, for all groups). */
export async function presentGroups(store: Store, groups: GroupRecord[], options: GroupViewOptions): Promise<Group[]> {
  const ids = groups.map((g) => g.id);
  const counts = options.includeMemberCount ? await store.groupMembers.countByGroup(ids) : undefined;
  const members = options.includeMemberIds ? await store.groupMembers.listUserIdsByGroup(ids) : undefined;
  return groups.map((g) =>
    toWireGroup(g, {
      ...(counts ? { memberCount: counts.get(g.id) ?? 0 } : {}),
      // Mattermost sends null, not [], for a group without members.
      ...(members?.has(g.id) ? { memberIds: members.get(g.id) } : {}),
    }),
  );
}

/** One group's JSON with its member count (what Mattermost answers after a change). */
export async function presentWithCount(store: Store, group: GroupRecord): Promise<Group> {
  const count = (await store.groupMembers.countByGroup([group.id])).get(group.id) ?? 0;
  return toWireGroup(group, { memberCount: count });
}
