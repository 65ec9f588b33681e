import type { Config } from '../config/defaults.js';
import type { DomainEvent, DomainEventMap, DomainEventName } from '../events/domain-events.js';
import { preferencesJson } from '../model/preference.js';
import type { Role } from '../model/role.js';
import type { UserRecord } from '../model/user.js';
import { toWireUser } from '../services/users/user-view.js';
import { channelMappers } from './mappers/channels.js';
import { groupMappers } from './mappers/groups.js';
import { teamMappers } from './mappers/teams.js';
import { broadcastTo, type OutboundEvent } from './websocket-event.js';

/** What mappers may read besides the event itself. */
export interface MapperContext {
  config(): Config;
  /** The client config a signed-in user gets. */
  clientConfig(): Record<string, string>;
  role(name: string): Role | undefined;
}

/** Turns one domain event into the Mattermost WebSocket events (with their broadcasts) it causes. */
export type EventMapper<K extends DomainEventName> = (payload: DomainEventMap[K], ctx: MapperContext) => OutboundEvent[];

/** A table of mappers by domain event; areas keep theirs in `mappers/<area>.ts`. */
export type EventMappers = { [K in DomainEventName]?: EventMapper<K> };

// --- users -------------------------------------------------------------------------------------

/** new_user to everyone, carrying only the id (clients fetch the profile). */
function newUser({ user }: DomainEventMap['user.created']): OutboundEvent[] {
  return [{ event: 'new_user', data: { user_id: user.id }, broadcast: broadcastTo(), subjectUserId: user.id }];
}

/**
 * Mattermost's sendUpdatedUserEvent: admins get the profile with email and full name, everyone
 * else the profile sanitised by the privacy settings, the user the whole account (no secrets).
 */
function userUpdatedEvents(user: UserRecord, ctx: MapperContext): OutboundEvent[] {
  const privacy = ctx.config().PrivacySettings;
  const others = { self: false, showEmail: privacy.ShowEmailAddress, showFullName: privacy.ShowFullName };
  const omitUser = { [user.id]: true as const };
  return [
    {
      event: 'user_updated',
      data: { user: toWireUser(user, { ...others, asAdmin: true }) },
      broadcast: broadcastTo({ omit_users: omitUser, contains_sensitive_data: true }),
      subjectUserId: user.id,
    },
    {
      event: 'user_updated',
      data: { user: toWireUser(user, { ...others, asAdmin: false }) },
      broadcast: broadcastTo({ omit_users: omitUser, contains_sanitized_data: true }),
      subjectUserId: user.id,
    },
    {
      event: 'user_updated',
      data: { user: toWireUser(user, { self: true, showEmail: true, showFullName: true, asAdmin: true }) },
      broadcast: broadcastTo({ user_id: user.id }),
    },
  ];
}

function userUpdated({ user }: DomainEventMap['user.updated'], ctx: MapperContext): OutboundEvent[] {
  return userUpdatedEvents(user, ctx);
}

/** Activation and deactivation are announced as a profile change (delete_at), as Mattermost does. */
function userActivationChanged({ user }: DomainEventMap['user.activation_changed'], ctx: MapperContext): OutboundEvent[] {
  return userUpdatedEvents(user, ctx);
}

/** A new picture: one sanitised profile to everyone (Mattermost's invalidateUserCacheAndPublish). */
function userPictureChanged({ user }: DomainEventMap['user.picture_changed'], ctx: MapperContext): OutboundEvent[] {
  const privacy = ctx.config().PrivacySettings;
  const profile = toWireUser(user, { self: false, showEmail: privacy.ShowEmailAddress, showFullName: privacy.ShowFullName, asAdmin: false });
  return [{ event: 'user_updated', data: { user: profile }, broadcast: broadcastTo(), subjectUserId: user.id }];
}

/** user_role_updated to the user only. */
function userRoleUpdated({ user }: DomainEventMap['user.roles_changed']): OutboundEvent[] {
  return [{ event: 'user_role_updated', data: { user_id: user.id, roles: user.roles }, broadcast: broadcastTo({ user_id: user.id }) }];
}

// --- system ------------------------------------------------------------------------------------

/** role_updated to everyone; Mattermost sends the role as a JSON string. */
function roleUpdated({ roleName, role }: DomainEventMap['role.updated'], ctx: MapperContext): OutboundEvent[] {
  const saved = role ?? ctx.role(roleName);
  if (!saved) return [];
  return [{ event: 'role_updated', data: { role: JSON.stringify(saved) }, broadcast: broadcastTo() }];
}

/** config_changed to everyone with the signed-in client config (Mattermost sends one event to all). */
function configChanged(_payload: DomainEventMap['config.changed'], ctx: MapperContext): OutboundEvent[] {
  return [{ event: 'config_changed', data: { config: ctx.clientConfig() }, broadcast: broadcastTo() }];
}

// --- presence ----------------------------------------------------------------------------------

/** status_change to the user only (Mattermost's BroadcastStatus); others poll statuses. */
function statusChange({ status, notify }: DomainEventMap['status.changed']): OutboundEvent[] {
  if (!notify) return [];
  return [{ event: 'status_change', data: { status: status.status, user_id: status.user_id }, broadcast: broadcastTo({ user_id: status.user_id }) }];
}

/** typing to the channel's members but the typist. */
function typing({ userId, channelId, parentId }: DomainEventMap['user.typing']): OutboundEvent[] {
  return [{ event: 'typing', data: { parent_id: parentId, user_id: userId }, broadcast: broadcastTo({ channel_id: channelId, omit_users: { [userId]: true } }) }];
}

// --- preferences and emoji --------------------------------------------------------------------

/** preferences_changed to the user, the preferences as a JSON string (Mattermost's UpdatePreferences). */
function preferencesChanged({ userId, preferences }: DomainEventMap['preferences.saved']): OutboundEvent[] {
  return [{ event: 'preferences_changed', data: { preferences: preferencesJson(preferences) }, broadcast: broadcastTo({ user_id: userId }) }];
}

/** preferences_deleted to the user, the preferences as a JSON string. */
function preferencesDeleted({ userId, preferences }: DomainEventMap['preferences.deleted']): OutboundEvent[] {
  return [{ event: 'preferences_deleted', data: { preferences: preferencesJson(preferences) }, broadcast: broadcastTo({ user_id: userId }) }];
}

/** emoji_added to everyone, the emoji as a JSON string. */
function emojiAdded({ emoji }: DomainEventMap['emoji.added']): OutboundEvent[] {
  return [{ event: 'emoji_added', data: { emoji: JSON.stringify(emoji) }, broadcast: broadcastTo() }];
}

/**
 * The mapping, one function per domain event. A domain event without an entry reaches no client.
 * Adding one: write its function above and list it here, or, for an area with many, in
 * `mappers/<area>.ts` whose table is spread here.
 */
const mappers: EventMappers = {
  'user.created': newUser,
  'user.updated': userUpdated,
  'user.activation_changed': userActivationChanged,
  'user.picture_changed': userPictureChanged,
  'user.roles_changed': userRoleUpdated,
  'role.updated': roleUpdated,
  'config.changed': configChanged,
  'status.changed': statusChange,
  'user.typing': typing,
  'preferences.saved': preferencesChanged,
  'preferences.deleted': preferencesDeleted,
  'emoji.added': emojiAdded,
  ...teamMappers,
  ...channelMappers,
  ...groupMappers,
};

/** The WebSocket events a domain event causes (none when it has no mapper). */
export function mapDomainEvent(event: DomainEvent, ctx: MapperContext): OutboundEvent[] {
  // TypeScript cannot relate the table's key to its value type, hence the widening cast.
  const mapper = mappers[event.type] as EventMapper<typeof event.type> | undefined;
  return mapper ? mapper(event.payload, ctx) : [];
}
