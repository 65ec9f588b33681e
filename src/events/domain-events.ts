import type { Role } from '../model/role.js';
import type { StatusRecord } from '../model/status.js';
import type { UserRecord } from '../model/user.js';

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
  /** A role's permissions changed; `role` is the saved role when the emitter has it at hand. */
  'role.updated': { roleName: string; role?: Role };
  /**
   * A user's presence changed. `notify` is false for activity-only updates that other nodes must
   * cache but clients are not told about (Mattermost broadcasts only real status changes).
   */
  'status.changed': { status: StatusRecord; notify: boolean };
  /** Someone is typing in a channel (or a thread of it); nothing is stored. */
  'user.typing': { userId: string; channelId: string; parentId: string };
}

export type DomainEventName = keyof DomainEventMap;

export type DomainEvent = { [K in DomainEventName]: { type: K; payload: DomainEventMap[K] } }[DomainEventName];

export function event<K extends DomainEventName>(type: K, payload: DomainEventMap[K]): DomainEvent {
  return { type, payload } as DomainEvent;
}
