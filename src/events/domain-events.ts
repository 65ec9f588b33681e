import type { Emoji } from '../model/emoji.js';
import type { Preference } from '../model/preference.js';
import type { Role } from '../model/role.js';
import type { Scheme } from '../model/scheme.js';
import type { TeamMember, TeamRecord } from '../model/team.js';
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
  /** A role's permissions changed (`update_role` to everyone; caches reload). */
  'role.updated': { roleName: string; role: Role };
  /** Schemes: caches of scheme roles reload. */
  'scheme.created': { scheme: Scheme };
  'scheme.updated': { scheme: Scheme };
  /** The scheme and its roles are deleted; its teams went back to the system scheme. */
  'scheme.deleted': { scheme: Scheme };
  /** A team was created; `actorId` created it and joins it as admin. */
  'team.created': { team: TeamRecord; actorId: string };
  /** Any change of the team's own fields (`update_team`, sanitised, to the team). */
  'team.updated': { team: TeamRecord };
  /** The team's scheme changed (`update_team_scheme`); every member's effective roles may differ. */
  'team.scheme_changed': { team: TeamRecord };
  /** Archived (`delete_team`), or erased with everything in it when `permanent`. */
  'team.deleted': { team: TeamRecord; permanent: boolean };
  'team.restored': { team: TeamRecord };
  /** A user joined or was added (`added_to_team` to the user); `actorId` is '' for self-joins by link. */
  'team_member.added': { member: TeamMember; team: TeamRecord; actorId: string };
  /** A user left or was removed (`leave_team` to the team and to the user). */
  'team_member.removed': { member: TeamMember; team: TeamRecord; actorId: string };
  /** Explicit roles or scheme flags changed (`memberrole_updated` to the user). */
  'team_member.roles_changed': { member: TeamMember };
  /**
   * A user's presence changed. `notify` is false for activity-only updates that other nodes must
   * cache but clients are not told about (Mattermost broadcasts only real status changes).
   */
  'status.changed': { status: StatusRecord; notify: boolean };
  /** Someone is typing in a channel (or a thread of it); nothing is stored. */
  'user.typing': { userId: string; channelId: string; parentId: string };
  /** A user's preferences were saved (`preferences_changed` to the user), as stored. */
  'preferences.saved': { userId: string; preferences: Preference[] };
  /** A user's preferences were deleted (`preferences_deleted` to the user), as the request named them. */
  'preferences.deleted': { userId: string; preferences: Preference[] };
  /** A custom emoji was created (`emoji_added` to everyone). */
  'emoji.added': { emoji: Emoji };
  /** A custom emoji was deleted; reactions with its name go with it. No client event, as in Mattermost. */
  'emoji.deleted': { emoji: Emoji };
}

export type DomainEventName = keyof DomainEventMap;

export type DomainEvent = { [K in DomainEventName]: { type: K; payload: DomainEventMap[K] } }[DomainEventName];

export function event<K extends DomainEventName>(type: K, payload: DomainEventMap[K]): DomainEvent {
  return { type, payload } as DomainEvent;
}
