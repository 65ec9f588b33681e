import type { UserRecord } from '../model/user.js';
import type { Bot } from '../model/bot.js';
import type { Group, GroupMember } from '../model/group.js';

/**
 * Every domain event and its payload, grouped by area. Names are past-tense `area.verb`; the
 * realtime layer maps them to Mattermost's WebSocket events.
 */
export interface DomainEventMap {
  'user.created': { user: UserRecord };
  'user.updated': { user: UserRecord };
  'user.activation_changed': { user: UserRecord };
  'user.roles_changed': { user: UserRecord };
  'user.deleted': { userId: string };
  'user.picture_changed': { user: UserRecord };
  /** Sessions ended (logout, revoke, deactivation); caches and sockets of these sessions must drop them. */
  'session.revoked': { userId: string; sessions: Array<{ id: string; tokenHash: string }> };
  'config.changed': Record<string, never>;
  'role.updated': { roleName: string };
  /** A bot account was made (also from an existing user); the posts area greets its owner. */
  'bot.created': { bot: Bot };
  /** Username, display name, description, owner or icon changed. */
  'bot.updated': { bot: Bot };
  'bot.activation_changed': { bot: Bot };
  /** The owner was deactivated; `botIds` are the bots that owner had (Mattermost tells the system admins). */
  'bot.owner_deactivated': { ownerId: string; botIds: string[] };
  'bot.converted_to_user': { userId: string };
  /** Groups: the realtime area sends Mattermost's received_group, group_member_add and group_member_delete. */
  'group.created': { group: Group };
  'group.updated': { group: Group };
  'group.deleted': { group: Group };
  'group.restored': { group: Group };
  'group.members_added': { groupId: string; members: GroupMember[] };
  'group.members_removed': { groupId: string; members: GroupMember[] };
}

export type DomainEventName = keyof DomainEventMap;

export type DomainEvent = { [K in DomainEventName]: { type: K; payload: DomainEventMap[K] } }[DomainEventName];

export function event<K extends DomainEventName>(type: K, payload: DomainEventMap[K]): DomainEvent {
  return { type, payload } as DomainEvent;
}
