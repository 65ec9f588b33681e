import type { DomainEventMap } from '../../events/domain-events.js';
import { CHANNEL_OPEN, isGroupOrDirect, type ChannelRecord } from '../../model/channel.js';
import { toWireChannel } from '../../services/channels/channel-view.js';
import type { EventMappers } from '../event-mapper.js';
import { broadcastTo, type Broadcast, type OutboundEvent } from '../websocket-event.js';

/** Public channels are announced to their team, the others only to their members. */
function teamOrMembers(channel: ChannelRecord): Broadcast {
  return channel.type === CHANNEL_OPEN ? broadcastTo({ team_id: channel.team_id }) : broadcastTo({ channel_id: channel.id });
}

function channelUpdatedEvent(channel: ChannelRecord): OutboundEvent {
  return { event: 'channel_updated', data: { channel: JSON.stringify(toWireChannel(channel)) }, broadcast: broadcastTo({ channel_id: channel.id }) };
}

/** channel_created to its creator only; default channels made with a team announce nothing. */
function channelCreated({ channel, actorId }: DomainEventMap['channel.created']): OutboundEvent[] {
  if (!actorId) return [];
  return [{ event: 'channel_created', data: { channel_id: channel.id, team_id: channel.team_id }, broadcast: broadcastTo({ user_id: actorId }) }];
}

/**
 * channel_updated to the members, with the channel as a JSON string. A new channel scheme also
 * sends channel_scheme_updated, as Mattermost does after moderation changes, so that clients
 * reload the members' roles.
 */
function channelUpdated({ channel, old }: DomainEventMap['channel.updated']): OutboundEvent[] {
  const events = [channelUpdatedEvent(channel)];
  if ((channel.scheme_id ?? '') !== (old.scheme_id ?? '')) {
    events.push({ event: 'channel_scheme_updated', data: {}, broadcast: broadcastTo({ channel_id: channel.id }) });
  }
  return events;
}

/** A privacy change: channel_updated to the members, then channel_converted to the team. */
function channelConverted({ channel }: DomainEventMap['channel.converted']): OutboundEvent[] {
  return [channelUpdatedEvent(channel), { event: 'channel_converted', data: { channel_id: channel.id }, broadcast: broadcastTo({ team_id: channel.team_id }) }];
}

function channelDeleted({ channel }: DomainEventMap['channel.deleted']): OutboundEvent[] {
  return [{ event: 'channel_deleted', data: { channel_id: channel.id, delete_at: channel.delete_at }, broadcast: teamOrMembers(channel) }];
}

function channelRestored({ channel }: DomainEventMap['channel.restored']): OutboundEvent[] {
  return [{ event: 'channel_restored', data: { channel_id: channel.id }, broadcast: teamOrMembers(channel) }];
}

/** direct_added to both members. */
function directAdded({ channel, creatorId, teammateId }: DomainEventMap['direct_channel.created']): OutboundEvent[] {
  return [{ event: 'direct_added', data: { creator_id: creatorId, teammate_id: teammateId }, broadcast: broadcastTo({ channel_id: channel.id }) }];
}

/** group_added to each member, with all the members' ids as a JSON string. */
function groupAdded({ channel, userIds }: DomainEventMap['group_channel.created']): OutboundEvent[] {
  const teammateIds = JSON.stringify(userIds);
  return userIds.map((userId) => ({ event: 'group_added', data: { teammate_ids: teammateIds }, broadcast: broadcastTo({ channel_id: channel.id, user_id: userId }) }));
}

/**
 * user_added to the channel's other members and, separately, to the user (whose client may not
 * know the channel yet). Members of new direct and group messages are announced by direct_added
 * and group_added instead.
 */
function userAdded({ member, channel }: DomainEventMap['channel_member.added']): OutboundEvent[] {
  if (isGroupOrDirect(channel)) return [];
  const data = { user_id: member.user_id, team_id: channel.team_id };
  return [
    { event: 'user_added', data, broadcast: broadcastTo({ channel_id: channel.id, omit_users: { [member.user_id]: true } }) },
    { event: 'user_added', data, broadcast: broadcastTo({ channel_id: channel.id, user_id: member.user_id }) },
  ];
}

/** user_removed to the remaining members and, separately, to the user who left. */
function userRemoved({ channel, userId, actorId }: DomainEventMap['channel_member.removed']): OutboundEvent[] {
  return [
    { event: 'user_removed', data: { user_id: userId, remover_id: actorId }, broadcast: broadcastTo({ channel_id: channel.id }) },
    { event: 'user_removed', data: { channel_id: channel.id, remover_id: actorId }, broadcast: broadcastTo({ user_id: userId }) },
  ];
}

/** channel_member_updated to the member (roles, notify props), with the membership as a JSON string. */
function channelMemberUpdated({ member }: DomainEventMap['channel_member.updated' | 'channel_member.notify_props_changed']): OutboundEvent[] {
  return [{ event: 'channel_member_updated', data: { channelMember: JSON.stringify(member) }, broadcast: broadcastTo({ user_id: member.user_id }) }];
}

/** multiple_channels_viewed to the user, with each channel's new last-viewed time. */
function channelsViewed({ userId, times }: DomainEventMap['channel.viewed']): OutboundEvent[] {
  return [{ event: 'multiple_channels_viewed', data: { channel_times: times }, broadcast: broadcastTo({ user_id: userId }) }];
}

// Sidebar events go to the user, naming the team they belong to.
function sidebar(event: string, userId: string, teamId: string, data: Record<string, unknown>): OutboundEvent[] {
  return [{ event, data, broadcast: broadcastTo({ user_id: userId, team_id: teamId }) }];
}

/** The channel, membership and sidebar events of Mattermost's channel app. */
export const channelMappers: EventMappers = {
  'channel.created': channelCreated,
  'channel.updated': channelUpdated,
  'channel.converted': channelConverted,
  'channel.deleted': channelDeleted,
  'channel.restored': channelRestored,
  'direct_channel.created': directAdded,
  'group_channel.created': groupAdded,
  'channel_member.added': userAdded,
  'channel_member.removed': userRemoved,
  'channel_member.updated': channelMemberUpdated,
  'channel_member.notify_props_changed': channelMemberUpdated,
  'channel.viewed': channelsViewed,
  'sidebar_category.created': ({ userId, teamId, category }) => sidebar('sidebar_category_created', userId, teamId, { category_id: category.id }),
  'sidebar_category.updated': ({ userId, teamId, categories }) =>
    sidebar('sidebar_category_updated', userId, teamId, { updatedCategories: JSON.stringify(categories) }),
  'sidebar_category.order_updated': ({ userId, teamId, order }) => sidebar('sidebar_category_order_updated', userId, teamId, { order }),
  'sidebar_category.deleted': ({ userId, teamId, categoryId }) => sidebar('sidebar_category_deleted', userId, teamId, { category_id: categoryId }),
};
