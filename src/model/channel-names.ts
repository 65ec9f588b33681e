import { sha1Hex } from '../lib/hash.js';
import { isValidId } from './ids.js';
import { CHANNEL_DIRECT, CHANNEL_GROUP, CHANNEL_NAME_MAX_LENGTH } from './channel.js';

/** A direct channel's name: the two user ids, sorted, joined by `__` (the same id twice for oneself). */
export function directChannelName(userId: string, otherUserId: string): string {
  return userId > otherUserId ? `${otherUserId}__${userId}` : `${userId}__${otherUserId}`;
}

/** A group channel's name as Mattermost computes it: SHA-1 hex of the sorted ids concatenated. */
export function groupChannelName(userIds: readonly string[]): string {
  return sha1Hex([...userIds].sort().join(''));
}

/** A group channel's display name: the members' usernames sorted and joined, cut at 64 characters. */
export function groupDisplayName(usernames: readonly string[]): string {
  return [...usernames].sort().join(', ').slice(0, CHANNEL_NAME_MAX_LENGTH);
}

// Mattermost's IsValidChannelIdentifier: lower-case letters and digits, with inner hyphens or
// underscores; the last character may not be a hyphen or underscore unless it is one letter long.
const CHANNEL_NAME_PATTERN = /^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$/;

export function isValidChannelName(name: string): boolean {
  return name.length >= 1 && name.length <= CHANNEL_NAME_MAX_LENGTH && CHANNEL_NAME_PATTERN.test(name);
}

const GROUP_NAME_PATTERN = /^[a-f0-9]{40}$/;

/**
 * True when a public or private channel would take a name kept for direct and group messages: two
 * user ids joined by `__`, or a 40-character hex digest.
 */
export function isReservedChannelName(name: string, type: string): boolean {
  if (type === CHANNEL_DIRECT || type === CHANNEL_GROUP) return false;
  if (GROUP_NAME_PATTERN.test(name)) return true;
  const parts = name.split('__');
  return parts.length === 2 && isValidId(parts[0]) && isValidId(parts[1]);
}

/** The other member of a direct channel, or '' (a channel with oneself has none). */
export function otherDirectMember(channelName: string, userId: string): string {
  const [first = '', second = ''] = channelName.split('__');
  if (first === second) return '';
  return first === userId ? second : first;
}
