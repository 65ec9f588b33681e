import { AppError } from '../../model/app-error.js';
import { isReservedChannelName, isValidChannelName } from '../../model/channel-names.js';
import {
  CHANNEL_DIRECT,
  CHANNEL_DISPLAY_NAME_MAX_RUNES,
  CHANNEL_GROUP,
  CHANNEL_HEADER_MAX_RUNES,
  CHANNEL_OPEN,
  CHANNEL_PRIVATE,
  CHANNEL_PURPOSE_MAX_RUNES,
  DEFAULT_CHANNEL_NAME,
  MARK_UNREAD_ALL,
  MARK_UNREAD_MENTION,
  OFF_TOPIC_CHANNEL_NAME,
  type ChannelRecord,
} from '../../model/channel.js';
import { isValidId } from '../../model/ids.js';
import { runeCount, sanitizeUnicode } from '../../model/user.js';

const CHANNEL_TYPES: readonly string[] = [CHANNEL_OPEN, CHANNEL_PRIVATE, CHANNEL_DIRECT, CHANNEL_GROUP];

function invalid(field: string, channelId: string): AppError {
  return new AppError(`model.channel.is_valid.${field}.app_error`, 400, { details: `id=${channelId}` });
}

/**
 * Mattermost's Channel.IsValid: the first broken rule wins.
 * @throws AppError 400 model.channel.is_valid.<field>.app_error
 */
export function validateChannel(channel: ChannelRecord): void {
  if (!isValidId(channel.id)) throw invalid('id', '');
  if (channel.create_at === 0) throw invalid('create_at', channel.id);
  if (channel.update_at === 0) throw invalid('update_at', channel.id);
  if (runeCount(channel.display_name) > CHANNEL_DISPLAY_NAME_MAX_RUNES) throw invalid('display_name', channel.id);
  if (!isValidChannelName(channel.name)) throw invalid('1_or_more', channel.id);
  if (!CHANNEL_TYPES.includes(channel.type)) throw invalid('type', channel.id);
  if (runeCount(channel.header) > CHANNEL_HEADER_MAX_RUNES) throw invalid('header', channel.id);
  if (runeCount(channel.purpose) > CHANNEL_PURPOSE_MAX_RUNES) throw invalid('purpose', channel.id);
  if (channel.creator_id.length > 26) throw invalid('creator_id', channel.id);
  if (isReservedChannelName(channel.name, channel.type)) throw invalid('name', channel.id);
  if (channel.group_constrained && channel.type !== CHANNEL_OPEN && channel.type !== CHANNEL_PRIVATE) throw invalid('group_constrained', channel.id);
}

/** Mattermost's PreSave/PreUpdate clean-up of names. */
export function normaliseChannel(channel: ChannelRecord): ChannelRecord {
  channel.name = sanitizeUnicode(channel.name);
  channel.display_name = sanitizeUnicode(channel.display_name);
  return channel;
}

const NOTIFY_LEVELS: readonly string[] = ['default', 'all', 'mention', 'none'];

/** The notify props a client may change; others it sends are ignored, as Mattermost does. */
export const CHANNEL_NOTIFY_PROP_KEYS: readonly string[] = [
  'mark_unread',
  'desktop',
  'desktop_sound',
  'desktop_notification_sound',
  'desktop_threads',
  'email',
  'push',
  'push_threads',
  'ignore_channel_mentions',
  'channel_auto_follow_threads',
];

function invalidMember(field: string): AppError {
  return new AppError(`model.channel_member.is_valid.${field}.app_error`, 400);
}

/**
 * Mattermost's ChannelMember.IsValid for notify props.
 * @throws AppError 400 model.channel_member.is_valid.*
 */
export function validateNotifyProps(props: Record<string, string>): void {
  const desktop = props['desktop'] ?? '';
  if (desktop.length > 20 || !NOTIFY_LEVELS.includes(desktop)) throw invalidMember('notify_level');
  const markUnread = props['mark_unread'] ?? '';
  if (markUnread !== MARK_UNREAD_ALL && markUnread !== MARK_UNREAD_MENTION) throw invalidMember('unread_level');
  const push = props['push'];
  if (push !== undefined && !NOTIFY_LEVELS.includes(push)) throw invalidMember('push_level');
  const email = props['email'];
  if (email !== undefined && !['default', 'true', 'false'].includes(email)) throw invalidMember('email_value');
  const ignore = props['ignore_channel_mentions'];
  if (ignore !== undefined && !['default', 'off', 'on'].includes(ignore)) throw invalidMember('ignore_channel_mentions_value');
  const follow = props['channel_auto_follow_threads'];
  if (follow !== undefined && follow !== 'on' && follow !== 'off') throw invalidMember('channel_auto_follow_threads_value');
  if (runeCount(JSON.stringify(props)) > 800_000) throw invalidMember('notify_props');
}

/**
 * Mattermost's DefaultChannelNames: town-square, then ExperimentalDefaultChannels (without
 * repeats) or, when that list is empty, off-topic.
 */
export function defaultChannelNames(experimental: readonly string[]): string[] {
  if (experimental.length === 0) return [DEFAULT_CHANNEL_NAME, OFF_TOPIC_CHANNEL_NAME];
  return [...new Set([DEFAULT_CHANNEL_NAME, ...experimental])];
}
