import type { LiveConfig } from '../../config/live-config.js';
import { AppError } from '../../model/app-error.js';
import { P } from '../../model/permissions.js';
import { TEAM_OPEN, type Team, type TeamStats } from '../../model/team.js';
import type { Store } from '../../store/store.js';
import type { TeamFilter } from '../../store/team.store.js';
import { callerId, type RequestContext } from '../common/context.js';
import type { Permissions } from '../common/permissions.js';
import type { TeamScopes } from './team-scopes.js';
import type { TeamService } from './team.service.js';

/** Body of POST /teams/search (Mattermost's TeamSearch). */
export interface TeamSearch {
  term?: string;
  page?: number;
  per_page?: number;
  allow_open_invite?: boolean;
  group_constrained?: boolean;
  exclude_policy_constrained?: boolean;
}

/** Team listings, searches, existence checks and statistics. */
export class TeamQueryService {
  constructor(private readonly deps: { store: Store; config: LiveConfig; permissions: Permissions; teams: TeamService; scopes: TeamScopes }) {}

  /**
   * GET /teams: all teams for callers who may list both kinds, else only the kind they may list.
   * Archived teams are listed too, as Mattermost does.
   * @throws AppError 403 api.team.get_all_teams.insufficient_permissions, 403 (retention policies)
   */
  async getAllTeams(
    ctx: RequestContext,
    query: { page: number; perPage: number; includeTotalCount: boolean; excludePolicyConstrained: boolean },
  ): Promise<Team[] | { teams: Team[]; total_count: number }> {
    const p = this.deps.permissions;
    if (query.excludePolicyConstrained) p.require(ctx, P.sysconsoleReadComplianceDataRetentionPolicy);
    const filter: TeamFilter = { includeDeleted: true };
    const listPrivate = p.has(ctx, P.listPrivateTeams);
    const listPublic = p.has(ctx, P.listPublicTeams);
    if (listPrivate && !listPublic) filter.allowOpenInvite = false;
    else if (listPublic && !listPrivate) filter.allowOpenInvite = true;
    else if (!listPrivate && !listPublic) throw new AppError('api.team.get_all_teams.insufficient_permissions', 403);
    const teams = await this.deps.teams.presentMany(
      ctx,
      await this.deps.store.teams.list(filter, { offset: query.page * query.perPage, limit: query.perPage }),
    );
    if (!query.includeTotalCount) return teams;
    return { teams, total_count: await this.deps.store.teams.count(filter) };
  }

  /**
   * POST /teams/search by name or display name. Paging (both page and per_page) answers
   * `{teams, total_count}`; callers limited to one kind of team cannot page.
   * @throws AppError 403 (retention policies), 501 api.team.search_teams.pagination_not_implemented.*
   */
  async searchTeams(ctx: RequestContext, search: TeamSearch): Promise<Team[] | { teams: Team[]; total_count: number }> {
    const p = this.deps.permissions;
    if (search.exclude_policy_constrained !== undefined) p.require(ctx, P.sysconsoleReadComplianceDataRetentionPolicy);
    const filter: TeamFilter = { includeDeleted: true, ...(search.term ? { term: search.term } : {}) };
    if (search.allow_open_invite !== undefined) filter.allowOpenInvite = search.allow_open_invite;
    if (search.group_constrained !== undefined) filter.groupConstrained = search.group_constrained;
    const paged = search.page !== undefined && search.per_page !== undefined;
    const listPrivate = p.has(ctx, P.listPrivateTeams);
    const listPublic = p.has(ctx, P.listPublicTeams);
    if (!(listPrivate && listPublic)) {
      if (!listPrivate && !listPublic) return [];
      if (search.page !== undefined || search.per_page !== undefined) {
        const kind = listPrivate ? 'private' : 'public';
        throw AppError.notImplemented(`api.team.search_teams.pagination_not_implemented.${kind}_team_search`);
      }
      filter.type = TEAM_OPEN;
      filter.allowOpenInvite = listPublic;
    }
    const page = paged ? { offset: (search.page ?? 0) * (search.per_page ?? 0), limit: search.per_page ?? 0 } : undefined;
    const teams = await this.deps.teams.presentMany(ctx, await this.deps.store.teams.list(filter, page));
    return paged ? { teams, total_count: await this.deps.store.teams.count(filter) } : teams;
  }

  /**
   * GET /teams/name/{name}/exists: true only for teams the caller belongs to or may list.
   */
  async teamExists(ctx: RequestContext, name: string): Promise<{ exists: boolean }> {
    const team = await this.deps.store.teams.findByName(name);
    if (!team) return { exists: false };
    const p = this.deps.permissions;
    const member = await p.membership(ctx, team.id);
    const exists =
      (member !== undefined && member.delete_at === 0) ||
      (team.allow_open_invite && p.has(ctx, P.listPublicTeams)) ||
      (!team.allow_open_invite && p.has(ctx, P.listPrivateTeams));
    return { exists };
  }

  /**
   * GET /users/{id}/teams: the user's live teams.
   * @throws AppError 403 (sysconsole_read_user_management_users) for other users
   */
  async getTeamsForUser(ctx: RequestContext, userId: string): Promise<Team[]> {
    const p = this.deps.permissions;
    if (callerId(ctx) !== userId) p.require(ctx, P.sysconsoleReadUserManagementUsers);
    const teams = await this.deps.teams.presentMany(ctx, await this.deps.store.teams.listForUser(userId));
    if (!this.deps.config.get().PrivacySettings.ShowEmailAddress && !p.isSystemAdmin(ctx)) {
      for (const team of teams) team.email = '';
    }
    return teams;
  }

  /**
   * GET /teams/{id}/stats: live members, and those of them with active accounts, that the caller
   * may see.
   * @throws AppError 403 (view_team)
   */
  async getTeamStats(ctx: RequestContext, teamId: string): Promise<TeamStats> {
    await this.deps.permissions.requireTeam(ctx, teamId, P.viewTeam);
    const visibility = await this.deps.scopes.viewRestrictions(ctx);
    const [total, active] = await Promise.all([
      this.deps.store.teamMembers.countTotal(teamId, visibility),
      this.deps.store.teamMembers.countActive(teamId, visibility),
    ]);
    return { team_id: teamId, total_member_count: total, active_member_count: active };
  }
}
