import type { Emoji } from '../model/emoji.js';
import type { Preference } from '../model/preference.js';
import type { Role } from '../model/role.js';
import type { Scheme } from '../model/scheme.js';
import type { TeamMember, TeamRecord } from '../model/team.js';
import type { StatusRecord } from '../model/status.js';
import type { UserRecord } from '../model/user.js';
import type { Bot } from '../model/bot.js';
import type { Group, GroupMember } from '../model/group.js';
import type { ChannelMember, ChannelRecord } from '../model/channel.js';
import type { SidebarCategoryWithChannels } from '../model/sidebar.js';

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
  /** A public or private channel was created (`channel_created` to the creator); `actorId` is '' for default channels. */
  'channel.created': { channel: ChannelRecord; actorId: string };
  /**
   * The channel's own fields changed (`channel_updated` to the channel). `old` is the channel before,
   * so header, purpose and display name changes can become system posts.
   */
  'channel.updated': { channel: ChannelRecord; old: ChannelRecord; actorId: string };
  /** Public became private or back (`channel_converted` to the team). */
  'channel.converted': { channel: ChannelRecord; old: ChannelRecord; actorId: string };
  /** Archived (`channel_deleted`: to the team for public channels, else to the channel), or erased when `permanent`. */
  'channel.deleted': { channel: ChannelRecord; actorId: string; permanent: boolean };
  /** Un-archived (`channel_restored`). */
  'channel.restored': { channel: ChannelRecord; actorId: string };
  /** A direct message was created (`direct_added` to the channel). */
  'direct_channel.created': { channel: ChannelRecord; creatorId: string; teammateId: string };
  /** A group message was created (`group_added` to each member). */
  'group_channel.created': { channel: ChannelRecord; creatorId: string; userIds: string[] };
  /**
   * A user joined or was added (`user_added` to the channel and to the user). `actorId` is who did
   * it ('' when the server did, e.g. default channels on a self-join); equal to the member's user id
   * for a self-join. `postRootId` is the thread the add came from, if any.
   */
  'channel_member.added': { member: ChannelMember; channel: ChannelRecord; actorId: string; postRootId: string };
  /** A user left or was removed (`user_removed` to the channel and to the user). */
  'channel_member.removed': { channel: ChannelRecord; userId: string; actorId: string };
  /** Explicit roles or scheme flags changed (`channel_member_updated` to the user). */
  'channel_member.updated': { member: ChannelMember; channel: ChannelRecord };
  /** Notify props changed (`channel_member_updated` to the user). */
  'channel_member.notify_props_changed': { member: ChannelMember; channel: ChannelRecord };
  /**
   * The user read these channels; `times` maps each to its new last-viewed time
   * (`multiple_channels_viewed`, or `channel_viewed` for one channel, to the user).
   */
  'channel.viewed': { userId: string; times: Record<string, number> };
  'sidebar_category.created': { userId: string; teamId: string; category: SidebarCategoryWithChannels };
  'sidebar_category.updated': { userId: string; teamId: string; categories: SidebarCategoryWithChannels[] };
  'sidebar_category.order_updated': { userId: string; teamId: string; order: string[] };
  'sidebar_category.deleted': { userId: string; teamId: string; categoryId: string };
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
