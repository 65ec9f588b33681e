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
  'role.updated': { roleName: string };
}

export type DomainEventName = keyof DomainEventMap;

export type DomainEvent = { [K in DomainEventName]: { type: K; payload: DomainEventMap[K] } }[DomainEventName];

export function event<K extends DomainEventName>(type: K, payload: DomainEventMap[K]): DomainEvent {
  return { type, payload } as DomainEvent;
}
