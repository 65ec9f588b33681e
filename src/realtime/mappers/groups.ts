import type { DomainEventMap } from '../../events/domain-events.js';
import type { Group, GroupMember } from '../../model/group.js';
import type { EventMappers } from '../event-mapper.js';
import { broadcastTo, type OutboundEvent } from '../websocket-event.js';

/** received_group to everyone, with the group (and its member count) as a JSON string. */
function receivedGroup({ group }: { group: Group }): OutboundEvent[] {
  return [{ event: 'received_group', data: { group: JSON.stringify(group) }, broadcast: broadcastTo() }];
}

/** One event per membership, to its user, with the membership as a JSON string. */
function memberEvents(event: string, members: readonly GroupMember[]): OutboundEvent[] {
  return members.map((member) => ({ event, data: { group_member: JSON.stringify(member) }, broadcast: broadcastTo({ user_id: member.user_id }) }));
}

function membersAdded({ members }: DomainEventMap['group.members_added']): OutboundEvent[] {
  return memberEvents('group_member_add', members);
}

function membersRemoved({ members }: DomainEventMap['group.members_removed']): OutboundEvent[] {
  return memberEvents('group_member_deleted', members);
}

/** The group events of Mattermost's group app (creation, change, archive and restore alike). */
export const groupMappers: EventMappers = {
  'group.created': receivedGroup,
  'group.updated': receivedGroup,
  'group.deleted': receivedGroup,
  'group.restored': receivedGroup,
  'group.members_added': membersAdded,
  'group.members_removed': membersRemoved,
};
