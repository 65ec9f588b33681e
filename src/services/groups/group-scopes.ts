import { AppError } from '../../model/app-error.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import { requireTeamRecord } from '../teams/team-lookups.js';
import type { GroupTeamChannelScopes } from './group-access.js';

/**
 * Team and channel checks for group listings scoped to a team or channel. Channel scopes answer
 * 501 until channel memberships can be counted by group.
 */
export class GroupScopes implements GroupTeamChannelScopes {
  constructor(private readonly deps: { store: Store; permissions: Permissions }) {}

  async checkTeamExists(teamId: string): Promise<void> {
    await requireTeamRecord(this.deps.store, teamId);
  }

  async requireTeamPermission(ctx: RequestContext, teamId: string, permission: string): Promise<void> {
    await this.deps.permissions.requireTeam(ctx, teamId, permission);
  }

  requireChannelPermission(): Promise<void> {
    return Promise.reject(channelScopesUnavailable());
  }

  countChannelMembersByGroup(): Promise<Map<string, number>> {
    return Promise.reject(channelScopesUnavailable());
  }
}

function channelScopesUnavailable(): AppError {
  return AppError.notImplemented('api.groups.team_channel_scopes.not_available.app_error', 'channel-scoped group listings are not available yet');
}
