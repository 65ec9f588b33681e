import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { ChannelAccess } from '../channels/channel-access.js';
import { requireChannelRecord } from '../channels/channel-lookups.js';
import { CHANNEL_OPEN } from '../../model/channel.js';
import { requireTeamRecord } from '../teams/team-lookups.js';
import type { GroupTeamChannelScopes } from './group-access.js';

/** Team and channel checks for group listings scoped to a team or channel. */
export class GroupScopes implements GroupTeamChannelScopes {
  constructor(private readonly deps: { store: Store; permissions: Permissions; channels: ChannelAccess }) {}

  async checkTeamExists(teamId: string): Promise<void> {
    await requireTeamRecord(this.deps.store, teamId);
  }

  async requireTeamPermission(ctx: RequestContext, teamId: string, permission: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, permission);
  }

  async requireChannelPermission(ctx: RequestContext, channelId: string, publicPermission: string, privatePermission: string): Promise<void> {
    const channel = await requireChannelRecord(this.deps.store, channelId);
    await this.deps.channels.require(ctx, channel, channel.type === CHANNEL_OPEN ? publicPermission : privatePermission);
  }

  countChannelMembersByGroup(channelId: string, groupIds: readonly string[]): Promise<Map<string, number>> {
    return this.deps.store.groupMembers.countInChannelByGroup(channelId, groupIds);
  }
}
