import { event } from '../../events/domain-events.js';
import { newChannelMemberRecord, type ChannelMember, type ChannelMemberRecord, type ChannelRecord } from '../../model/channel.js';
import type { UserRecord } from '../../model/user.js';
import type { ChannelMemberWithSchemes } from '../../store/channel-member.store.js';
import type { Store } from '../../store/store.js';
import type { Emit } from '../common/unit-of-work.js';
import type { RoleCatalog } from '../roles/role-catalog.js';
import { isGuestUser } from '../teams/team-rules.js';
import { toWireChannelMember } from './channel-view.js';

/** A new membership as Mattermost makes one: guest or user by the account, admin when asked (guests never are). */
export function newChannelMember(channelId: string, user: Pick<UserRecord, 'id' | 'roles'>, options: { admin: boolean; at: number }): ChannelMemberRecord {
  const guest = isGuestUser(user);
  return newChannelMemberRecord(channelId, user.id, { guest, admin: options.admin && !guest }, options.at);
}

/**
 * The parts of membership every channel operation shares: presenting a member with its roles
 * resolved through the schemes, and storing a new member with its event.
 */
export class ChannelMemberCore {
  constructor(private readonly deps: { roles: RoleCatalog }) {}

  present(member: ChannelMemberWithSchemes): ChannelMember {
    const roles = this.deps.roles;
    return toWireChannelMember(member, roles.scheme(member.channel_scheme_id), roles.scheme(member.team_scheme_id));
  }

  /** A just-made membership of `channel`, with the schemes it resolves through looked up. */
  async presentNew(tx: Store, channel: ChannelRecord, member: ChannelMemberRecord): Promise<ChannelMember> {
    const team = channel.team_id ? await tx.teams.findById(channel.team_id) : undefined;
    return this.present({ ...member, channel_scheme_id: channel.scheme_id, team_scheme_id: team?.scheme_id ?? null });
  }

  /**
   * Stores the membership and records `channel_member.added`.
   * @throws ConflictError when the user is already a member
   */
  async insert(tx: Store, emit: Emit, channel: ChannelRecord, member: ChannelMemberRecord, actor: { actorId: string; postRootId?: string }): Promise<ChannelMember> {
    await tx.channelMembers.insert(member);
    const wire = await this.presentNew(tx, channel, member);
    emit(event('channel_member.added', { member: wire, channel, actorId: actor.actorId, postRootId: actor.postRootId ?? '' }));
    return wire;
  }
}
