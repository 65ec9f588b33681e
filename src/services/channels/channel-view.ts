import { resolveChannelMemberRoles } from '../../authz/scheme-roles.js';
import type { Channel, ChannelMember, ChannelMemberRecord, ChannelRecord, ChannelWithTeamData } from '../../model/channel.js';
import type { Scheme } from '../../model/scheme.js';
import type { ChannelWithTeamRow } from '../../store/channel.store.js';

/** A channel's JSON, with the fields Mattermost adds that Parley keeps at their defaults. */
export function toWireChannel(channel: ChannelRecord): Channel {
  return { ...channel, policy_id: null, banner_info: null, autotranslation: false, policy_enforced: false };
}

export function toWireChannelWithTeam(row: ChannelWithTeamRow): ChannelWithTeamData {
  return { ...toWireChannel(row), team_display_name: row.team_display_name, team_name: row.team_name, team_update_at: row.team_update_at };
}

/**
 * A membership's JSON: `roles` holds the explicit roles and the roles its scheme flags stand for,
 * through the channel's scheme, then the team's.
 */
export function toWireChannelMember(member: ChannelMemberRecord, channelScheme?: Scheme, teamScheme?: Scheme): ChannelMember {
  const resolved = resolveChannelMemberRoles(member, channelScheme, teamScheme);
  return {
    channel_id: member.channel_id,
    user_id: member.user_id,
    roles: resolved.roles.join(' '),
    last_viewed_at: member.last_viewed_at,
    msg_count: member.msg_count,
    mention_count: member.mention_count,
    mention_count_root: member.mention_count_root,
    urgent_mention_count: member.urgent_mention_count,
    msg_count_root: member.msg_count_root,
    notify_props: member.notify_props,
    last_update_at: member.last_update_at,
    scheme_guest: resolved.scheme_guest,
    scheme_user: resolved.scheme_user,
    scheme_admin: resolved.scheme_admin,
    explicit_roles: resolved.explicit_roles.join(' '),
  };
}
