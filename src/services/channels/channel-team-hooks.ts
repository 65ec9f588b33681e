import type { LiveConfig } from '../../config/live-config.js';
import type { Clock } from '../../lib/clock.js';
import { isValidChannelName } from '../../model/channel-names.js';
import { CHANNEL_OPEN, DEFAULT_CHANNEL_NAME, OFF_TOPIC_CHANNEL_NAME, isGroupOrDirect } from '../../model/channel.js';
import type { TeamMemberRecord, TeamRecord } from '../../model/team.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { Emit } from '../common/unit-of-work.js';
import type { TeamHooks } from '../teams/team-hooks.js';
import { isGuestUser } from '../teams/team-rules.js';
import type { ChannelMemberService } from './channel-member.service.js';
import { newChannelMember, type ChannelMemberCore } from './channel-members-core.js';
import { defaultChannelNames } from './channel-rules.js';
import type { ChannelService } from './channel.service.js';
import type { SidebarService } from './sidebar.service.js';

const DEFAULT_DISPLAY_NAMES: Readonly<Record<string, string>> = { [DEFAULT_CHANNEL_NAME]: 'Town Square', [OFF_TOPIC_CHANNEL_NAME]: 'Off-Topic' };

export interface ChannelTeamHooksDeps {
  config: LiveConfig;
  clock: Clock;
  channels: ChannelService;
  members: ChannelMemberCore;
  memberships: ChannelMemberService;
  sidebar: SidebarService;
}

/**
 * What channels do when teams change, inside the team's transaction: a new team gets its default
 * channels; a new member joins them (guests excepted) and gets their sidebar; a member who leaves
 * leaves the team's channels; an erased team takes its channels with it.
 */
export class ChannelTeamHooks implements TeamHooks {
  constructor(private readonly deps: ChannelTeamHooksDeps) {}

  /** Mattermost's CreateDefaultChannels: town-square, and off-topic or ExperimentalDefaultChannels. */
  async onTeamCreated(tx: Store, team: TeamRecord, emit: Emit): Promise<void> {
    for (const name of this.defaultNames()) {
      const displayName = DEFAULT_DISPLAY_NAMES[name] ?? name;
      await this.deps.channels.createChannelInTx(tx, emit, { team_id: team.id, type: CHANNEL_OPEN, name, display_name: displayName }, '');
    }
  }

  /** Mattermost's JoinDefaultChannels (not for guests); admins of the team join as channel admins. */
  async onMemberAdded(tx: Store, change: { team: TeamRecord; user: UserRecord; member: TeamMemberRecord; actorId: string }, emit: Emit): Promise<void> {
    const { team, user, member, actorId } = change;
    await this.deps.sidebar.ensureDefaults(user.id, team.id, tx);
    if (isGuestUser(user)) return;
    for (const name of this.defaultNames()) {
      const channel = await tx.channels.findByName(team.id, name, { includeDeleted: false });
      if (!channel || channel.team_id !== team.id || channel.type !== CHANNEL_OPEN) continue;
      if (await tx.channelMembers.find(channel.id, user.id)) continue;
      const joined = newChannelMember(channel.id, user, { admin: member.scheme_admin, at: this.deps.clock.now() });
      await this.deps.members.insert(tx, emit, channel, joined, { actorId });
    }
  }

  /** Mattermost's LeaveTeam: the team's channels are left and the team's sidebar forgotten. */
  async onMemberRemoved(tx: Store, change: { team: TeamRecord; user: UserRecord; actorId: string }, emit: Emit): Promise<void> {
    const { team, user, actorId } = change;
    const memberships = await tx.channelMembers.listForUser(user.id, { teamId: team.id, includeArchived: true });
    const channels = await tx.channels.findByIds(memberships.map((m) => m.channel_id));
    for (const channel of channels) {
      if (channel.team_id === team.id && !isGroupOrDirect(channel)) await this.deps.memberships.removeMembership(tx, emit, channel, user.id, actorId);
    }
    await tx.sidebar.deleteForUserTeam(user.id, team.id);
  }

  async onTeamPermanentlyDeleted(tx: Store, team: TeamRecord, emit: Emit): Promise<void> {
    for (const channel of await tx.channels.listForTeam(team.id)) await this.deps.channels.permanentDeleteChannel(tx, emit, channel, '');
    await tx.sidebar.deleteForTeam(team.id);
  }

  /** Default channel names; a malformed ExperimentalDefaultChannels entry is skipped rather than failing every team creation. */
  private defaultNames(): string[] {
    return defaultChannelNames(this.deps.config.get().TeamSettings.ExperimentalDefaultChannels).filter(isValidChannelName);
  }
}
