import type { MemberRoleFlags } from './team.js';

/**
 * Channels and channel memberships as Mattermost's JSON has them, plus the stored records behind
 * them.
 */

/** Channel types: public (open), private, direct message, group message. */
export const CHANNEL_OPEN = 'O';
export const CHANNEL_PRIVATE = 'P';
export const CHANNEL_DIRECT = 'D';
export const CHANNEL_GROUP = 'G';
export type ChannelType = typeof CHANNEL_OPEN | typeof CHANNEL_PRIVATE | typeof CHANNEL_DIRECT | typeof CHANNEL_GROUP;

export const DEFAULT_CHANNEL_NAME = 'town-square';
export const OFF_TOPIC_CHANNEL_NAME = 'off-topic';

export const CHANNEL_GROUP_MIN_USERS = 3;
export const CHANNEL_GROUP_MAX_USERS = 8;
export const CHANNEL_DISPLAY_NAME_MAX_RUNES = 64;
export const CHANNEL_NAME_MAX_LENGTH = 64;
export const CHANNEL_HEADER_MAX_RUNES = 1024;
export const CHANNEL_PURPOSE_MAX_RUNES = 250;

/** The stored channel. `team_id` is '' for direct and group messages. */
export interface ChannelRecord {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  team_id: string;
  type: string;
  display_name: string;
  name: string;
  header: string;
  purpose: string;
  last_post_at: number;
  last_root_post_at: number;
  total_msg_count: number;
  total_msg_count_root: number;
  extra_update_at: number;
  creator_id: string;
  scheme_id: string | null;
  props: Record<string, unknown> | null;
  group_constrained: boolean | null;
  shared: boolean | null;
}

/** A channel as Mattermost sends it. */
export interface Channel extends ChannelRecord {
  policy_id: string | null;
  banner_info: null;
  autotranslation: boolean;
  policy_enforced: boolean;
}

/** A channel with its team's names, as the system console listings send it. */
export interface ChannelWithTeamData extends Channel {
  team_display_name: string;
  team_name: string;
  team_update_at: number;
}

/** The fields PUT /channels/{id}/patch may change. */
export interface ChannelPatch {
  display_name?: string;
  name?: string;
  header?: string;
  purpose?: string;
  group_constrained?: boolean;
}

/** The stored membership with its unread counters. */
export interface ChannelMemberRecord extends MemberRoleFlags {
  channel_id: string;
  user_id: string;
  last_viewed_at: number;
  msg_count: number;
  mention_count: number;
  mention_count_root: number;
  urgent_mention_count: number;
  msg_count_root: number;
  notify_props: Record<string, string>;
  last_update_at: number;
}

/** A membership as Mattermost sends it: `roles` holds explicit and scheme-derived role names. */
export interface ChannelMember extends ChannelMemberRecord {
  roles: string;
}

export interface ChannelStats {
  channel_id: string;
  member_count: number;
  guest_count: number;
  pinnedpost_count: number;
  files_count: number;
}

/** GET /users/{id}/channels/{channel_id}/unread. */
export interface ChannelUnread {
  team_id: string;
  channel_id: string;
  msg_count: number;
  mention_count: number;
  mention_count_root: number;
  urgent_mention_count: number;
  msg_count_root: number;
}

/** One team of GET /users/{id}/teams/unread. Thread counts stay 0 until threads exist. */
export interface TeamUnread {
  team_id: string;
  msg_count: number;
  mention_count: number;
  mention_count_root: number;
  msg_count_root: number;
  thread_count: number;
  thread_mention_count: number;
  thread_urgent_mention_count: number;
}

/** Channel notify props and their values. */
export const NOTIFY_PROPS = {
  desktop: 'desktop',
  desktopSound: 'desktop_sound',
  desktopNotificationSound: 'desktop_notification_sound',
  desktopThreads: 'desktop_threads',
  email: 'email',
  push: 'push',
  pushThreads: 'push_threads',
  markUnread: 'mark_unread',
  ignoreChannelMentions: 'ignore_channel_mentions',
  channelAutoFollowThreads: 'channel_auto_follow_threads',
} as const;

export const MARK_UNREAD_ALL = 'all';
export const MARK_UNREAD_MENTION = 'mention';

/** The notify props every new membership starts with (Mattermost's GetDefaultChannelNotifyProps). */
export function defaultChannelNotifyProps(): Record<string, string> {
  return {
    desktop: 'default',
    mark_unread: MARK_UNREAD_ALL,
    push: 'default',
    email: 'default',
    ignore_channel_mentions: 'default',
    channel_auto_follow_threads: 'off',
  };
}

export function isGroupOrDirect(channel: Pick<ChannelRecord, 'type'>): boolean {
  return channel.type === CHANNEL_DIRECT || channel.type === CHANNEL_GROUP;
}

/** Counter changes a new post brings to its channel (posts call this through the channel store). */
export interface PostCountChange {
  /** True for a post that is not a reply. */
  isRoot: boolean;
  createAt: number;
}

/** A channel as it is first stored: nothing posted yet, no scheme, no props. */
export function newChannelRecord(
  fields: Pick<ChannelRecord, 'id' | 'team_id' | 'type' | 'name' | 'display_name'> & Partial<Pick<ChannelRecord, 'header' | 'purpose' | 'creator_id' | 'group_constrained' | 'shared'>>,
  now: number,
): ChannelRecord {
  return {
    create_at: now,
    update_at: now,
    delete_at: 0,
    header: '',
    purpose: '',
    last_post_at: 0,
    last_root_post_at: 0,
    total_msg_count: 0,
    total_msg_count_root: 0,
    extra_update_at: 0,
    creator_id: '',
    scheme_id: null,
    props: null,
    group_constrained: null,
    shared: null,
    ...fields,
  };
}

/** A membership as it is first stored: nothing read, default notify props. */
export function newChannelMemberRecord(channelId: string, userId: string, flags: { guest: boolean; admin: boolean }, now: number): ChannelMemberRecord {
  return {
    channel_id: channelId,
    user_id: userId,
    explicit_roles: '',
    last_viewed_at: 0,
    msg_count: 0,
    mention_count: 0,
    mention_count_root: 0,
    urgent_mention_count: 0,
    msg_count_root: 0,
    notify_props: defaultChannelNotifyProps(),
    last_update_at: now,
    scheme_guest: flags.guest,
    scheme_user: !flags.guest,
    scheme_admin: flags.admin,
  };
}
