import { AppError } from '../../model/app-error.js';
import type { ChannelRecord } from '../../model/channel.js';
import type { ChannelMemberWithSchemes } from '../../store/channel-member.store.js';
import type { Store } from '../../store/store.js';

/** @throws AppError 404 app.channel.get.existing.app_error */
export async function requireChannelRecord(store: Store, channelId: string): Promise<ChannelRecord> {
  const channel = await store.channels.findById(channelId);
  if (!channel) throw AppError.notFound('app.channel.get.existing.app_error', `channel_id=${channelId}`);
  return channel;
}

/** @throws AppError 404 app.channel.get_member.missing.app_error */
export async function requireChannelMember(store: Store, channelId: string, userId: string): Promise<ChannelMemberWithSchemes> {
  const member = await store.channelMembers.find(channelId, userId);
  if (!member) throw AppError.notFound('app.channel.get_member.missing.app_error', `channel_id=${channelId} user_id=${userId}`);
  return member;
}
