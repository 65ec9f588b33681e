import type { RequestContext } from './context.js';

/**
 * Who belongs to which channel and team, as event delivery needs it. The channels area provides
 * the real implementation (`ChannelMembershipSource`, a cache fed by membership events);
 * `noMemberships` knows no channel and no team, so channel and team broadcasts reach nobody.
 */
export interface BroadcastMembership {
  /** Ids of the users in the channel (empty for an unknown channel). */
  channelMemberIds(channelId: string): Promise<ReadonlySet<string>>;
  /** Ids of the users in the team (empty for an unknown team). */
  teamMemberIds(teamId: string): Promise<ReadonlySet<string>>;
  isChannelMember(userId: string, channelId: string): Promise<boolean>;
  /**
   * Mattermost's UserCanSeeOtherUser, asked only for guests: whether `viewerId` shares a channel
   * or team with `otherUserId` (or is that user).
   */
  canSeeUser(viewerId: string, otherUserId: string): Promise<boolean>;
}

/** Channel permission checks that need channel data; the channels area provides them. */
export interface ChannelAccess {
  /** True when the caller holds `permission` in the channel; false for unknown channels. */
  hasChannelPermission(ctx: RequestContext, channelId: string, permission: string): Promise<boolean>;
}

const EMPTY: ReadonlySet<string> = new Set();

/** A stand-in that knows no memberships and grants no channel permissions (for tests). */
export const noMemberships: BroadcastMembership & ChannelAccess = {
  channelMemberIds: async () => EMPTY,
  teamMemberIds: async () => EMPTY,
  isChannelMember: async () => false,
  canSeeUser: async (viewerId, otherUserId) => viewerId === otherUserId,
  hasChannelPermission: async () => false,
};
