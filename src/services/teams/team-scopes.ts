import { P } from '../../model/permissions.js';
import type { Store } from '../../store/store.js';
import type { MemberVisibility } from '../../store/visibility.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { ChannelAccess } from '../channels/channel-access.js';
import type { MembershipScopes } from '../users/user-query.service.js';

/**
 * The team and channel halves of the user filters and of "who may see whom" (Mattermost's
 * GetViewUsersRestrictions and UserCanSeeOtherUser).
 */
export class TeamScopes implements MembershipScopes {
  constructor(private readonly deps: { store: Store; permissions: Permissions; channels: ChannelAccess }) {}

  /** @throws AppError 403 (view_team) unless the caller may see the team. */
  async checkTeamVisible(ctx: RequestContext, teamId: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
  }

  /** @throws AppError 403 (read_channel) unless the caller may read the channel (unknown channels too). */
  async checkChannelVisible(ctx: RequestContext, channelId: string): Promise<void> {
    await this.deps.channels.requireById(ctx, channelId, P.readChannel);
  }

  /** Mattermost's GetKnownUsers: users who share a channel with the caller (the caller left out). */
  async knownUserIds(ctx: RequestContext): Promise<string[]> {
    const me = callerId(ctx);
    if (!me) return [];
    const members = this.deps.store.channelMembers;
    const ids = await members.userIdsInChannels(await members.channelIdsForUser(me));
    return ids.filter((id) => id !== me);
  }

  /** True when the user is in a team where the caller holds view_members, or in one of the caller's channels. */
  async sharesTeamOrChannel(ctx: RequestContext, userId: string): Promise<boolean> {
    const visibility = await this.viewRestrictions(ctx);
    if (!visibility) return true;
    const store = this.deps.store;
    if (await store.teamMembers.belongsToAny(userId, visibility.teamIds)) return true;
    return store.channelMembers.belongsToAny(userId, visibility.channelIds ?? []);
  }

  /**
   * Whose profiles and memberships the caller may list: undefined when the caller holds
   * view_members system-wide, else the members of teams where their team roles grant it and the
   * members of the caller's channels.
   */
  async viewRestrictions(ctx: RequestContext): Promise<MemberVisibility | undefined> {
    const p = this.deps.permissions;
    if (p.has(ctx, P.viewMembers)) return undefined;
    const me = callerId(ctx);
    if (!me) return { teamIds: [], channelIds: [] };
    const memberships = await this.deps.store.teamMembers.listForUser(me, { includeDeleted: false });
    return {
      teamIds: memberships.filter((m) => p.hasTeamWith(ctx, m.team_id, m, P.viewMembers)).map((m) => m.team_id),
      channelIds: await this.deps.store.channelMembers.channelIdsForUser(me),
    };
  }
}
