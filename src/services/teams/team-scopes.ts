import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import type { MemberVisibility } from '../../store/team-member.store.js';
import type { Store } from '../../store/store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { MembershipScopes } from '../users/user-query.service.js';

/**
 * The team half of the user filters and of "who may see whom" (Mattermost's
 * GetViewUsersRestrictions and UserCanSeeOtherUser). The channels area completes it: channel
 * visibility checks, and channel co-members among the known and visible users.
 */
export class TeamScopes implements MembershipScopes {
  constructor(private readonly deps: { store: Store; permissions: Permissions }) {}

  /** @throws AppError 403 (view_team) unless the caller may see the team. */
  async checkTeamVisible(ctx: RequestContext, teamId: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
  }

  /**
   * Channel filters belong to the channels area, which replaces this method.
   * @throws AppError 501 until channels exist
   */
  checkChannelVisible(_ctx: RequestContext, _channelId: string): Promise<void> {
    return Promise.reject(AppError.notImplemented('api.user.get_users.membership_filters.app_error', 'channel filters are not available yet'));
  }

  /** Users who share a live team with the caller (the caller left out). */
  async knownUserIds(ctx: RequestContext): Promise<string[]> {
    const me = callerId(ctx);
    if (!me) return [];
    const ids = await this.deps.store.teamMembers.userIdsInTeams(await this.deps.store.teamMembers.teamIdsForUser(me));
    return ids.filter((id) => id !== me);
  }

  /** True when the user is in a team where the caller holds view_members. */
  async sharesTeamOrChannel(ctx: RequestContext, userId: string): Promise<boolean> {
    const visibility = await this.viewRestrictions(ctx);
    if (!visibility) return true;
    return this.deps.store.teamMembers.belongsToAny(userId, visibility.teamIds);
  }

  /**
   * Whose profiles and memberships the caller may list: undefined when the caller holds
   * view_members system-wide, else the members of teams where their team roles grant it.
   */
  async viewRestrictions(ctx: RequestContext): Promise<MemberVisibility | undefined> {
    const p = this.deps.permissions;
    if (p.has(ctx, P.viewMembers)) return undefined;
    const me = callerId(ctx);
    if (!me) return { teamIds: [] };
    const memberships = await this.deps.store.teamMembers.listForUser(me, { includeDeleted: false });
    return { teamIds: memberships.filter((m) => p.hasTeamWith(ctx, m.team_id, m, P.viewMembers)).map((m) => m.team_id) };
  }
}
